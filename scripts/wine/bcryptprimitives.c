/*
 * bcryptprimitives.dll for Wine 8: Go 1.24 and later need ProcessPrng from
 * this DLL to start on Windows, and Wine 8 (Debian 12) lacks it. The shim
 * fills the buffer from advapi32's SystemFunction036 (RtlGenRandom), which
 * Wine implements with the host's random source. Only for running the
 * Windows build under Wine in tests; real Windows has its own DLL.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	/* RtlGenRandom takes a ULONG: fill a larger buffer in chunks. */
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
