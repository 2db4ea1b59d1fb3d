#!/usr/bin/env python3
"""Writes WinZip AES-256 archives (raivo-aes.zip, authplus-aes.zip) by
hand from the AE-2 specification, with OpenSSL (Python's cryptography)
for PBKDF2, AES and HMAC: no code shared with the Go reader."""
import os
import struct
import zlib

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = b"correct horse battery staple"


def aes_member(name, plain):
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = comp.compress(plain) + comp.flush()
    salt = os.urandom(16)
    dk = PBKDF2HMAC(hashes.SHA1(), 66, salt, 1000).derive(PASSWORD)
    enc_key, mac_key, verifier = dk[:32], dk[32:64], dk[64:]
    ecb = Cipher(algorithms.AES(enc_key), modes.ECB()).encryptor()
    out = bytearray()
    for i in range(0, len(deflated), 16):
        counter = (i // 16 + 1).to_bytes(16, "little")
        ks = ecb.update(counter)
        chunk = deflated[i:i + 16]
        out += bytes(a ^ b for a, b in zip(chunk, ks))
    h = hmac.HMAC(mac_key, hashes.SHA1())
    h.update(bytes(out))
    body = salt + verifier + bytes(out) + h.finalize()[:10]
    # AE-2: CRC is 0; extra field 0x9901: version 2, "AE", strength 3, real method 8.
    extra = struct.pack("<HHH2sBH", 0x9901, 7, 2, b"AE", 3, 8)
    return name.encode(), body, extra, len(plain)


def write_zip(path, members):
    data = bytearray()
    central = bytearray()
    for name, body, extra, size in members:
        offset = len(data)
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 51, 1, 99, 0, 0x21, 0, len(body), size, len(name), len(extra))
        data += local + name + extra + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 51, 51, 1, 99, 0, 0x21, 0, len(body), size,
                               len(name), len(extra), 0, 0, 0, 0, offset) + name + extra
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(data), 0)
    with open(path, "wb") as f:
        f.write(bytes(data + central + end))


with open("raivo-otp-export.json", "rb") as f:
    write_zip("raivo-aes.zip", [aes_member("raivo-otp-export.json", f.read())])
with open("ente-plain.txt", "rb") as f:
    write_zip("authplus-aes.zip", [aes_member("Accounts.txt", f.read())])
