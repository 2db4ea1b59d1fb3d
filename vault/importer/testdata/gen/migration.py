#!/usr/bin/env python3
"""Writes the Google Authenticator migration fixtures.

The protobuf is encoded by hand here, from the schema in migration.go's
comment, independently of the Go decoder under test. Run from
vault/importer/testdata:

    python3 gen/migration.py

It writes google-migration.txt (one export of two QR codes, one a line)
and migration-1.txt / migration-2.txt (the same two codes, one a file,
which make-images.sh turns into QR images).
"""
import base64
import urllib.parse


def varint(n):
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_varint(num, v):
    return varint(num << 3 | 0) + varint(v)


def field_bytes(num, b):
    if isinstance(b, str):
        b = b.encode("utf-8")
    return varint(num << 3 | 2) + varint(len(b)) + b


def otp_params(secret, name, issuer="", algorithm=0, digits=0, typ=0, counter=None):
    m = field_bytes(1, secret) + field_bytes(2, name)
    if issuer:
        m += field_bytes(3, issuer)
    if algorithm:
        m += field_varint(4, algorithm)
    if digits:
        m += field_varint(5, digits)
    if typ:
        m += field_varint(6, typ)
    if counter is not None:
        m += field_varint(7, counter)
    # An unknown field, as newer app versions add (unique_id = 8).
    m += field_bytes(8, "f3c1d2e4")
    return m


def payload(params, batch_size, batch_index, batch_id):
    m = b"".join(field_bytes(1, p) for p in params)
    m += field_varint(2, 1)  # version
    m += field_varint(3, batch_size)
    m += field_varint(4, batch_index)
    m += field_varint(5, batch_id)
    return m


def uri(data):
    return "otpauth-migration://offline?data=" + urllib.parse.quote(base64.b64encode(data).decode(), safe="")


batch1 = [
    # Issuer in its own field, name repeats it: "GitHub:alice".
    otp_params(b"Hello!\xde\xad\xbe\xef", "GitHub:alice", "GitHub", algorithm=1, digits=1, typ=2),
    # No issuer field: split from the name. SHA256, 8 digits.
    otp_params(b"12345678901234567890", "\u307f\u305a\u307b\u9280\u884c:\u5c71\u7530\u592a\u90ce", algorithm=2, digits=2),
    # HOTP with a counter, SHA512, everything else unspecified.
    otp_params(b"TestSecretSuperSecret", "bob", "Example HOTP", algorithm=3, typ=1, counter=42),
]
batch2 = [
    # All enums unspecified: TOTP, SHA1, 6 digits.
    otp_params(b"abcdefghij", "carol@example.com", "Mail"),
    # MD5: well formed, but Mamori cannot generate it; skipped.
    otp_params(b"secret", "legacy", "Old Bank", algorithm=4),
    # The same key as the first account of batch 1: a duplicate.
    otp_params(b"Hello!\xde\xad\xbe\xef", "GitHub:alice", "GitHub", algorithm=1, digits=1, typ=2),
]

u1 = uri(payload(batch1, 2, 0, -1187465218))
u2 = uri(payload(batch2, 2, 1, -1187465218))

with open("google-migration.txt", "w") as f:
    f.write("# Google Authenticator export, two QR codes\n")
    f.write(u1 + "\n\n" + u2 + "\n")
for i, u in enumerate([u1, u2], 1):
    with open(f"gen/migration-{i}.txt", "w") as f:
        f.write(u)
