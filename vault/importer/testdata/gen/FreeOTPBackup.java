// Writes freeotp-backup.xml: a FreeOTP 2 backup as its TokenPersistence and
// encryptor classes lay it out (a serialised HashMap<String, String> of the
// master key wrapped with the password and each token's sealed key and
// settings), made with the JDK's own PBKDF2, AES-GCM, AlgorithmParameters
// and ObjectOutputStream, so the Go reader is checked against Java itself.
// The JSON is written by hand in Gson's layout. Run from
// vault/importer/testdata: java gen/FreeOTPBackup.java
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

public class FreeOTPBackup {
    static final SecureRandom RNG = new SecureRandom();

    static String bytes(byte[] b) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < b.length; i++) {
            if (i > 0) s.append(',');
            s.append(b[i]);
        }
        return s.append(']').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\');
            b.append(c);
        }
        return b.append('"').toString();
    }

    // EncryptedKey.encrypt: AES/GCM, the token's algorithm as AAD.
    static String seal(SecretKey key, byte[] plain, String token) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key);
        c.updateAAD(token.getBytes(StandardCharsets.UTF_8));
        byte[] ct = c.doFinal(plain);
        byte[] params = c.getParameters().getEncoded();
        return "{\"mCipher\":\"AES/GCM/NoPadding\",\"mCipherText\":" + bytes(ct) + ",\"mParameters\":" + bytes(params)
                + ",\"mToken\":" + quote(token) + "}";
    }

    static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buf = 0, bits = 0;
        for (char ch : s.toCharArray()) {
            buf = (buf << 5) | alphabet.indexOf(ch);
            bits += 5;
            if (bits >= 8) {
                out.write((buf >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        String password = "correct horse battery staple";
        byte[] salt = new byte[32];
        RNG.nextBytes(salt);
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2withHmacSHA512");
        SecretKey pwd = new SecretKeySpec(f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, 100000, 256)).getEncoded(), "AES");
        byte[] raw = new byte[32];
        RNG.nextBytes(raw);
        SecretKey master = new SecretKeySpec(raw, "AES");

        HashMap<String, String> m = new HashMap<>();
        m.put("masterKey", "{\"mAlgorithm\":\"PBKDF2withHmacSHA512\",\"mEncryptedKey\":" + seal(pwd, raw, "AES")
                + ",\"mIterations\":100000,\"mSalt\":" + bytes(salt) + "}");
        String[][] tokens = {
            // uuid, secret, settings
            {"1b4e28ba-2fa1-11d2-883f-0016d3cca427", "JBSWY3DPEHPK3PXP", "SHA1",
             "{\"algo\":\"SHA1\",\"issuerExt\":\"GitHub\",\"issuerInt\":\"GitHub\",\"label\":\"alice\",\"lock\":false,\"period\":30,\"digits\":6,\"type\":\"TOTP\",\"counter\":0}"},
            {"2c5f39cb-3fb2-11d2-883f-0016d3cca427", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "SHA256",
             "{\"algo\":\"SHA256\",\"issuerExt\":\"Mizuho\",\"issuerInt\":\"Mizuho\",\"issuerAlt\":\"みずほ銀行\",\"label\":\"taro\",\"labelAlt\":\"山田太郎\",\"period\":60,\"digits\":8,\"type\":\"TOTP\",\"counter\":0}"},
            {"3d604adc-4fc3-11d2-883f-0016d3cca427", "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", "SHA512",
             "{\"algo\":\"SHA512\",\"issuerExt\":\"Example HOTP\",\"label\":\"bob\",\"digits\":6,\"type\":\"HOTP\",\"counter\":42}"},
            {"4e715bed-5fd4-11d2-883f-0016d3cca427", "ONSWG4TFOQ", "SHA1",
             "{\"algo\":\"SHA1\",\"issuerExt\":\"Steam\",\"issuerInt\":\"Steam\",\"label\":\"gaben\",\"period\":30,\"digits\":5,\"type\":\"TOTP\",\"counter\":0}"},
        };
        for (String[] t : tokens) {
            String sealed = seal(master, base32(t[1]), "Hmac" + t[2]);
            m.put(t[0], "{\"key\":" + quote(sealed) + "}");
            m.put(t[0] + "-token", t[3]);
        }
        try (ObjectOutputStream o = new ObjectOutputStream(new FileOutputStream("freeotp-backup.xml"))) {
            o.writeObject(m);
        }
    }
}
