#!/usr/bin/env python3
"""Writes the encrypted andOTP and Authenticator Pro fixtures with OpenSSL,
through Python's cryptography package (Debian's python3-cryptography, 44
or later for Argon2id), from the plain fixtures, following the formats as
the apps' sources and docs describe them (see andotp.go and authpro.go).
It shares no code with the Go decoders, so the files are an independent
oracle. Run from vault/importer/testdata: python3 gen/encrypt.py"""
import hashlib
import os
import struct

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = b"correct horse battery staple"


def read(name):
    with open(name, "rb") as f:
        return f.read()


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# andOTP, new: iterations (4, big-endian) | salt (12) | nonce (12) | GCM ciphertext | tag.
plain = read("andotp.json").strip()
iterations = 140_000 + int.from_bytes(os.urandom(2), "big") % 20_000
salt, nonce = os.urandom(12), os.urandom(12)
key = PBKDF2HMAC(hashes.SHA1(), 32, salt, iterations).derive(PASSWORD)
write("andotp.json.aes", struct.pack(">I", iterations) + salt + nonce + AESGCM(key).encrypt(nonce, plain, None))

# andOTP, old: nonce (12) | GCM ciphertext | tag, key SHA-256(password).
nonce = os.urandom(12)
write("andotp-old.json.aes", nonce + AESGCM(hashlib.sha256(PASSWORD).digest()).encrypt(nonce, plain, None))

# Authenticator Pro, strong: "AUTHENTICATORPRO" | salt (16) | nonce (12) | GCM ciphertext | tag,
# key Argon2id(3 passes, 64 MiB, 4 lanes).
plain = read("authpro.json")
salt, nonce = os.urandom(16), os.urandom(12)
key = Argon2id(salt=salt, length=32, iterations=3, lanes=4, memory_cost=65536).derive(PASSWORD)
write("authpro.authpro", b"AUTHENTICATORPRO" + salt + nonce + AESGCM(key).encrypt(nonce, plain, None))

# Authenticator Pro, legacy: "AuthenticatorPro" | salt (20) | IV (16) | CBC ciphertext (PKCS#7),
# key PBKDF2-HMAC-SHA1(64000 iterations).
salt, iv = os.urandom(20), os.urandom(16)
key = PBKDF2HMAC(hashes.SHA1(), 32, salt, 64000).derive(PASSWORD)
padder = padding.PKCS7(128).padder()
padded = padder.update(plain) + padder.finalize()
enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
write("authpro-legacy.authpro", b"AuthenticatorPro" + salt + iv + enc.update(padded) + enc.finalize())

# A cheap andOTP backup (1000 iterations, the fewest the decoder takes) for
# the fuzz seeds, which run under a small key-derivation cap.
plain = read("andotp.json").strip()
salt, nonce = os.urandom(12), os.urandom(12)
key = PBKDF2HMAC(hashes.SHA1(), 32, salt, 1000).derive(PASSWORD)
write("gen/andotp-cheap.json.aes", struct.pack(">I", 1000) + salt + nonce + AESGCM(key).encrypt(nonce, plain, None))

# TOTP Authenticator: Base64 of AES-256-CBC (PKCS#7, IV of zeros), key
# SHA-256(password); the app's own password when the user chose none.
import base64
import json

entries = [json.dumps(e, ensure_ascii=False) for e in [
    {"name": "alice", "issuer": "GitHub", "key": "JBSWY3DPEHPK3PXP", "base": 32, "color": 0, "position": 0},
    {"name": "carol@example.com", "issuer": "Mail", "key": "6162636465666768696a", "base": 16, "color": 0, "position": 1},
    {"name": "山田太郎", "issuer": "楽天", "key": base64.b64encode(b"abcdefghij").decode(), "base": 64, "color": 0, "position": 2},
]]
plain = json.dumps({json.dumps(entries, ensure_ascii=False): "1700000000000"}, ensure_ascii=False).encode()
for name, password in [("totp-authenticator.encrypt", PASSWORD), ("totp-authenticator-nopassword.encrypt", b"TotpAuthenticator")]:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(hashlib.sha256(password).digest()), modes.CBC(bytes(16))).encryptor()
    write(name, base64.b64encode(enc.update(padded) + enc.finalize()) + b"\n")
