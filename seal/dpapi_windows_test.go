//go:build windows

package seal

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDPAPISealsTheDataKey seals a data key with DPAPI (method "os", the
// desktop's default on Windows) in a folder whose path has Vietnamese
// letters and spaces, as a commune's C:\Users\Nguyễn Văn A\Hồ sơ: the key
// opens again without a key file, datakey.json holds only DPAPI's blob, the
// blob opens only for the key ID it was made for, and the recovery key
// opens the folder as well. The Wine stage (scripts/windows-wine.sh) runs
// it with the rest of the package's tests.
func TestDPAPISealsTheDataKey(t *testing.T) {
	dir := filepath.Join(tempDir(t), "Hồ sơ xã Đông Hòa")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	c, err := Create(CreateOptions{Dir: dir, Method: MethodOS, KDF: testKDF})
	if err != nil {
		t.Fatalf("Create with DPAPI: %v", err)
	}
	info, err := Describe(dir)
	if err != nil || info.Method != MethodOS {
		t.Fatalf("Describe = %+v, %v; want method os", info, err)
	}
	r, err := readRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.OS == nil || r.OS.Store != storeDPAPI || len(r.OS.Blob) == 0 {
		t.Fatalf("the record's os section = %+v, want a DPAPI blob", r.OS)
	}
	if form := containsKey(readFile(t, filepath.Join(dir, FileName)), c.Key); form != "" {
		t.Fatalf("datakey.json contains the key (%s)", form)
	}
	unlockEqual(t, UnlockOptions{Dir: dir}, c.Key)

	// The key ID is DPAPI's entropy: the blob copied into another record
	// does not open.
	if _, err := osUnseal(nil, r.KeyID+"x", r.OS); !errors.Is(err, ErrKeyUnavailable) {
		t.Errorf("the blob opened for another key ID: %v", err)
	}
	unlockEqual(t, UnlockOptions{Dir: dir, RecoveryKey: c.RecoveryKey}, c.Key)
}
