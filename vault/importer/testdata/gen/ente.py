#!/usr/bin/env python3
"""Writes the Ente Auth fixtures with the real libsodium (PyNaCl).

Ente Auth encrypts its export with libsodium: crypto_pwhash (Argon2id) for
the key, crypto_secretstream_xchacha20poly1305 with one message tagged
FINAL for the data. Using libsodium itself here makes the fixtures an
independent oracle for the Go decoder. Run from vault/importer/testdata
with Debian's python3-nacl:

    /usr/bin/python3 gen/ente.py

The KDF limits are smaller than the app's (it asks for 1 GiB) so the tests
stay fast; the decoder reads whatever the file says.
"""
import base64
import json
import os

from nacl import bindings as b
from nacl import pwhash

PASSWORD = b"correct horse battery staple"
MEMLIMIT = 16 * 1024 * 1024
OPSLIMIT = 3

with open("ente-plain.txt", "rb") as f:
    plain = f.read()

# Fixed salt and header would make the file reproducible, but libsodium
# draws the header itself; the fixture is simply committed as generated.
salt = os.urandom(b.crypto_pwhash_SALTBYTES)
key = pwhash.argon2id.kdf(32, PASSWORD, salt, opslimit=OPSLIMIT, memlimit=MEMLIMIT)


def export(message, tag):
    state = b.crypto_secretstream_xchacha20poly1305_state()
    header = b.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    ct = b.crypto_secretstream_xchacha20poly1305_push(state, message, None, tag)
    return {
        "version": 1,
        "kdfParams": {"memLimit": MEMLIMIT, "opsLimit": OPSLIMIT, "salt": base64.b64encode(salt).decode()},
        "encryptedData": base64.b64encode(ct).decode(),
        "encryptionNonce": base64.b64encode(header).decode(),
    }


with open("ente-encrypted.json", "w") as f:
    json.dump(export(plain, b.crypto_secretstream_xchacha20poly1305_TAG_FINAL), f)
# The first message of a longer stream: authentic, but not the end.
with open("ente-encrypted-notfinal.json", "w") as f:
    json.dump(export(plain, b.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE), f)
# The cheapest parameters libsodium allows for Argon2id, for the fuzz seed
# corpus: a fuzzer cannot afford 16 MiB of Argon2 per input.
cheap_key = pwhash.argon2id.kdf(32, PASSWORD, salt, opslimit=1, memlimit=8192)
state = b.crypto_secretstream_xchacha20poly1305_state()
header = b.crypto_secretstream_xchacha20poly1305_init_push(state, cheap_key)
ct = b.crypto_secretstream_xchacha20poly1305_push(state, plain, None, b.crypto_secretstream_xchacha20poly1305_TAG_FINAL)
with open("ente-encrypted-cheap.json", "w") as f:
    json.dump({
        "version": 1,
        "kdfParams": {"memLimit": 8192, "opsLimit": 1, "salt": base64.b64encode(salt).decode()},
        "encryptedData": base64.b64encode(ct).decode(),
        "encryptionNonce": base64.b64encode(header).decode(),
    }, f)
# An empty export (no codes) is still a valid stream.
with open("ente-encrypted-empty.json", "w") as f:
    json.dump(export(b"", b.crypto_secretstream_xchacha20poly1305_TAG_FINAL), f)
