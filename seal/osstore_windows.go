//go:build windows

package seal

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// osStoreHint is never shown: DPAPI is always there.
const osStoreHint = "DPAPI is unavailable"

// dpapi seals the key with CryptProtectData in the current user's scope; the
// record keeps the blob. The key ID is the optional entropy, so a blob only
// opens for the record it was made for.
type dpapi struct{}

func newKeyStore() keyStore { return dpapi{} }

func (dpapi) name() string { return storeDPAPI }

func (dpapi) available() bool { return true }

func (dpapi) seal(keyID string, key []byte) (string, []byte, error) {
	in := blobOf(key)
	entropy := blobOf([]byte("hoso-datakey " + keyID))
	desc, err := windows.UTF16PtrFromString("Ho So Mot Cua data key")
	if err != nil {
		return "", nil, err
	}
	var out windows.DataBlob
	if err := windows.CryptProtectData(&in, desc, &entropy, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return "", nil, err
	}
	return "", takeBlob(&out), nil
}

func (dpapi) unseal(keyID, _ string, blob []byte) ([]byte, error) {
	in := blobOf(blob)
	entropy := blobOf([]byte("hoso-datakey " + keyID))
	var out windows.DataBlob
	if err := windows.CryptUnprotectData(&in, nil, &entropy, 0, nil, windows.CRYPTPROTECT_UI_FORBIDDEN, &out); err != nil {
		return nil, err
	}
	return takeBlob(&out), nil
}

// forget has nothing to do: the blob lives only in the record.
func (dpapi) forget(string) error { return nil }

func blobOf(b []byte) windows.DataBlob {
	if len(b) == 0 {
		return windows.DataBlob{}
	}
	return windows.DataBlob{Size: uint32(len(b)), Data: &b[0]}
}

// takeBlob copies a blob that Windows allocated and frees it.
func takeBlob(b *windows.DataBlob) []byte {
	if b.Data == nil {
		return nil
	}
	defer windows.LocalFree(windows.Handle(unsafe.Pointer(b.Data)))
	out := make([]byte, b.Size)
	copy(out, unsafe.Slice(b.Data, b.Size))
	// Zero the system's copy of the plaintext before freeing it.
	clear(unsafe.Slice(b.Data, b.Size))
	return out
}
