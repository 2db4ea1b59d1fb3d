/*
 * bcryptprimitives.dll for Wine 8, which has none: Go's runtime (1.22 and
 * later) reads all its random bytes through ProcessPrng from this DLL and
 * dies at start without it. This stand-in exports that one function on top
 * of bcrypt's BCryptGenRandom with the system RNG, which Wine 8 has. It is
 * only ever copied into the private Wine prefix of the tests
 * (scripts/with-wine.sh), never shipped: real Windows 8 and later has the
 * real DLL.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *          processprng.c processprng.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	/* BCryptGenRandom takes a ULONG length: fill larger requests in parts. */
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
