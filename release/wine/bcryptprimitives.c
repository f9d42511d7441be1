/*
 * A stand-in for Windows' bcryptprimitives.dll, used ONLY in the wine prefix
 * where CI runs carico.exe. Wine 8.0 has no bcryptprimitives.dll, and the Go
 * runtime loads it from system32 for ProcessPrng, its source of random bytes;
 * this stub answers ProcessPrng with BCryptGenRandom, which Wine does have.
 * Never ship it: real Windows has the real DLL.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
