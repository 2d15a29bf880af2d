package seal

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// testKDF keeps argon2id cheap so the package tests in seconds.
var testKDF = &KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

const testPassphrase = "Một cửa Hồ Sơ 2026"

// tempDir is t.TempDir for this package's tests, which also run under Wine
// (scripts/windows-wine.sh). On Windows the folder is removed entry by
// entry with os.Remove rather than by t.TempDir's os.RemoveAll: since Go
// 1.26, RemoveAll deletes through NtSetInformationFile with
// FileDispositionInformationEx (POSIX semantics), which Wine 8 refuses with
// an error Go does not fall back from ("Invalid function"), so every test
// that wrote a file failed in its cleanup. os.Remove (DeleteFileW,
// RemoveDirectoryW) works on Windows and on Wine alike.
func tempDir(t testing.TB) string {
	t.Helper()
	if runtime.GOOS != "windows" {
		return t.TempDir()
	}
	dir, err := os.MkdirTemp("", "hoso-seal-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("removing the test folder: %v", err)
		}
	})
	return dir
}

// removeTree removes dir and everything in it, files first, then the
// folders deepest first. Symbolic links are removed, not followed.
func removeTree(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Remove(p)
	})
	if err != nil {
		return fmt.Errorf("removing %s: %w", dir, err)
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := os.Remove(dirs[i]); err != nil {
			return fmt.Errorf("removing %s: %w", dirs[i], err)
		}
	}
	return nil
}

// fakeStore stands in for the OS key store, like the Secret Service: it keeps
// keys by account.
type fakeStore struct {
	items map[string][]byte
	down  bool
}

func (f *fakeStore) name() string    { return storeSecretService }
func (f *fakeStore) available() bool { return !f.down }

func (f *fakeStore) seal(keyID string, key []byte) (string, []byte, error) {
	f.items[keyID] = bytes.Clone(key)
	return keyID, nil, nil
}

func (f *fakeStore) unseal(_, account string, _ []byte) ([]byte, error) {
	if f.down {
		return nil, errors.New("fake store is down")
	}
	k, ok := f.items[account]
	if !ok {
		return nil, errors.New("no such item")
	}
	return bytes.Clone(k), nil
}

func (f *fakeStore) forget(account string) error {
	delete(f.items, account)
	return nil
}

// newFakeStore is an empty fake OS key store; tests hand it to Create,
// Rewrap and Unlock through the options' keys field, so they run in
// parallel without touching the platform's store.
func newFakeStore() *fakeStore {
	return &fakeStore{items: map[string][]byte{}}
}

// noKeyStore stands for a platform with no OS key store at all.
type noKeyStore struct{ fakeStore }

func (noKeyStore) name() string { return "" }

// sealed is one freshly created folder and how to unlock it.
type sealed struct {
	dir     string
	created Created
	unlock  UnlockOptions
	// fake is the OS key store the folder was sealed with (method os).
	fake *fakeStore
}

// setup creates a folder sealed by method m with test parameters.
func setup(t testing.TB, m Method) sealed {
	t.Helper()
	return setupIn(t, m, newFakeStore())
}

// setupIn is setup with the fake OS key store given.
func setupIn(t testing.TB, m Method, fake *fakeStore) sealed {
	t.Helper()
	dir := filepath.Join(tempDir(t), "data")
	opts := CreateOptions{Dir: dir, Method: m, KDF: testKDF, keys: fake}
	u := UnlockOptions{Dir: dir, keys: fake}
	switch m {
	case MethodPassphrase:
		opts.Passphrase = testPassphrase
		u.Passphrase = testPassphrase
	case MethodKeyFile:
		opts.KeyFile = filepath.Join(tempDir(t), "hoso.key")
	case MethodEnv:
		opts.EnvVar = "HOSO_TEST_KEY"
	}
	c, err := Create(opts)
	if err != nil {
		t.Fatalf("Create(%s): %v", m, err)
	}
	if m == MethodEnv {
		u.Getenv = mapEnv(map[string]string{"HOSO_TEST_KEY": c.EnvValue})
	}
	return sealed{dir: dir, created: c, unlock: u, fake: fake}
}

func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// keyForms are the ways a key could be written down in a file.
func keyForms(key []byte) map[string][]byte {
	return map[string][]byte{
		"raw":        key,
		"hex":        []byte(hex.EncodeToString(key)),
		"HEX":        bytes.ToUpper([]byte(hex.EncodeToString(key))),
		"base64":     []byte(base64.StdEncoding.EncodeToString(key)),
		"base64-raw": []byte(base64.RawStdEncoding.EncodeToString(key)),
		"base64-url": []byte(base64.RawURLEncoding.EncodeToString(key)),
		// A JSON []byte field would also be base64; a prefix catches a key
		// split or re-padded.
		"base64-prefix": []byte(base64.StdEncoding.EncodeToString(key)[:40]),
	}
}

// containsKey names the first form of key found in data, or "".
func containsKey(data, key []byte) string {
	for name, form := range keyForms(key) {
		if bytes.Contains(data, form) {
			return name
		}
	}
	return ""
}
