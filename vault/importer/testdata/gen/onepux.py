#!/usr/bin/env python3
"""Writes 1password.1pux: a 1Password export in its own format, a ZIP of
export.attributes and export.data as 1Password's 1PUX documentation lays
them out. Run from vault/importer/testdata: python3 gen/onepux.py"""
import json
import zipfile

def item(uuid, title, user, totp=None, state="active"):
    sections = [{"title": "", "name": "", "fields": []}]
    if totp is not None:
        sections[0]["fields"].append({"title": "one-time password", "id": "TOTP_" + uuid,
                                      "value": {"totp": totp}, "indexAtSource": 0, "guarded": False,
                                      "multiline": False, "dontGenerate": False, "inputTraits": {}})
    return {"uuid": uuid, "favIndex": 0, "createdAt": 1700000000, "updatedAt": 1700000000,
            "state": state, "categoryUuid": "001",
            "details": {"loginFields": [{"value": user, "id": "", "name": "username", "fieldType": "T", "designation": "username"},
                                         {"value": "pw", "id": "", "name": "password", "fieldType": "P", "designation": "password"}],
                        "notesPlain": "", "sections": sections, "passwordHistory": []},
            "overview": {"subtitle": user, "urls": [], "title": title, "url": "", "ps": 0, "pbe": 0.0, "pgrng": False, "tags": []}}

data = {"accounts": [{"attrs": {"accountName": "Yamada", "name": "Yamada", "avatar": "", "email": "taro@example.com",
                                "uuid": "ACCT", "domain": "https://my.1password.com/"},
                      "vaults": [{"attrs": {"uuid": "V1", "desc": "", "avatar": "", "name": "Personal", "type": "P"},
                                  "items": [
                                      item("i1", "GitHub", "alice", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"),
                                      item("i2", "Bank", "someone"),
                                      item("i3", "みずほ銀行", "山田太郎",
                                           "otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60"),
                                      item("i4", "Old forum", "dave", "MFRGGZDFMZTWQ2LKMFRGGZDF", state="archived"),
                                  ]},
                                 {"attrs": {"uuid": "V2", "desc": "", "avatar": "", "name": "Shared", "type": "U"},
                                  "items": [item("i5", "Example HOTP", "bob",
                                                 "otpauth://hotp/Example%20HOTP:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&algorithm=SHA512&counter=42")]}]}]}
attrs = {"version": 3, "description": "1Password Unencrypted Export", "createdAt": 1700000000}
with zipfile.ZipFile("1password.1pux", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("export.attributes", json.dumps(attrs))
    z.writestr("export.data", json.dumps(data, ensure_ascii=False))
    z.writestr("files/", "")
