package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, m := range []Method{MethodPassphrase, MethodKeyFile, MethodEnv, MethodOS} {
		t.Run(string(m), func(t *testing.T) {
			s := setup(t, m)
			if len(s.created.Key) != KeySize {
				t.Fatalf("key has %d bytes", len(s.created.Key))
			}
			got, err := Unlock(s.unlock)
			if err != nil {
				t.Fatalf("Unlock: %v", err)
			}
			if !bytes.Equal(got, s.created.Key) {
				t.Fatal("Unlock returned a different key")
			}
			// The recovery key opens it whatever the method, typed sloppily.
			sloppy := strings.ToLower(strings.ReplaceAll(s.created.RecoveryKey, "-", " "))
			got, err = Unlock(UnlockOptions{Dir: s.dir, RecoveryKey: sloppy})
			if err != nil || !bytes.Equal(got, s.created.Key) {
				t.Fatalf("Unlock with recovery key: %v", err)
			}
			info, err := Describe(s.dir)
			if err != nil {
				t.Fatal(err)
			}
			if info.Method != m || info.Version != 1 || len(info.KeyID) != 32 || info.Created.IsZero() {
				t.Fatalf("Describe = %+v", info)
			}
			if (m == MethodEnv) != (s.created.EnvValue != "") {
				t.Fatalf("EnvValue %q for method %s", s.created.EnvValue, m)
			}
		})
	}
}

// TestRoundTripOS uses this computer's real key store when it has one: a
// round trip, the recovery key, a rewrap that leaves nothing of the old
// seal behind, and a key the store cannot give back reported as
// ErrKeyUnavailable, with the recovery key still opening the folder.
//
// The two stores differ in what "behind" and "cannot give back" mean. The
// Secret Service keeps the key under an account: a rewrap removes that
// item, and a lost item (a new keyring) is simulated by removing it. DPAPI
// keeps nothing: it hands back a blob that only datakey.json holds, and
// any blob of this user opens for its key ID as long as the profile lives.
// There a rewrap must replace the blob, and a profile that cannot open it
// (a rebuilt Windows profile) is simulated by asking for another key ID,
// which is the blob's DPAPI entropy.
func TestRoundTripOS(t *testing.T) {
	if !OSAvailable() {
		t.Skipf("no OS key store here (%s); the os method's record logic is covered with a fake store in TestRoundTrip", osStoreWhere(storeOr(nil)))
	}
	dir := tempDir(t)
	c, err := Create(CreateOptions{Dir: dir, Method: MethodOS, KDF: testKDF})
	if err != nil {
		t.Fatal(err)
	}
	r, err := readRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { osForget(nil, r.OS) })
	keepsCopy := r.OS.Account != ""
	unlockEqual(t, UnlockOptions{Dir: dir}, c.Key)
	if form := containsKey(readFile(t, filepath.Join(dir, FileName)), c.Key); form != "" {
		t.Fatalf("datakey.json contains the key (%s)", form)
	}

	// Rewrap to a fresh os seal: nothing of the old seal stays.
	c2, err := Rewrap(dir, c.Key, CreateOptions{Method: MethodOS, KDF: testKDF})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := readRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { osForget(nil, r2.OS) })
	if keepsCopy {
		if _, err := osUnseal(nil, r.KeyID, r.OS); !errors.Is(err, ErrKeyUnavailable) {
			t.Errorf("the old seal's copy is still in %s: %v", r.OS.Store, err)
		}
	} else if bytes.Equal(r2.OS.Blob, r.OS.Blob) || r2.KeyID == r.KeyID {
		t.Errorf("the rewrap kept the old %s blob or key ID", r.OS.Store)
	}
	unlockEqual(t, UnlockOptions{Dir: dir}, c2.Key)

	// The store cannot give the key back: only the recovery key opens the
	// folder.
	if keepsCopy {
		osForget(nil, r2.OS)
		if _, err := Unlock(UnlockOptions{Dir: dir}); !errors.Is(err, ErrKeyUnavailable) {
			t.Fatalf("Unlock after the store lost the key = %v, want ErrKeyUnavailable", err)
		}
	} else if _, err := osUnseal(nil, r2.KeyID+"x", r2.OS); !errors.Is(err, ErrKeyUnavailable) {
		t.Fatalf("%s opened the blob for another key ID: %v, want ErrKeyUnavailable", r2.OS.Store, err)
	}
	unlockEqual(t, UnlockOptions{Dir: dir, RecoveryKey: c2.RecoveryKey}, c.Key)
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	kf := setup(t, MethodKeyFile)
	if info, _ := Describe(kf.dir); !filepath.IsAbs(info.KeyFile) || !strings.HasSuffix(info.KeyFile, "hoso.key") {
		t.Errorf("keyfile Info.KeyFile = %q", info.KeyFile)
	}
	if info, _ := Describe(setup(t, MethodEnv).dir); info.EnvVar != "HOSO_TEST_KEY" {
		t.Errorf("env Info.EnvVar = %q", info.EnvVar)
	}
	if info, _ := Describe(setup(t, MethodOS).dir); info.OSStore != storeSecretService {
		t.Errorf("os Info.OSStore = %q", info.OSStore)
	}
	if info, _ := Describe(setup(t, MethodPassphrase).dir); info.KDF != *testKDF {
		t.Errorf("passphrase Info.KDF = %+v", info.KDF)
	}
	if _, err := Describe(tempDir(t)); !errors.Is(err, ErrNoSeal) {
		t.Errorf("Describe(empty) = %v, want ErrNoSeal", err)
	}
}

func TestDefaultEnvVar(t *testing.T) {
	dir := tempDir(t)
	c, err := Create(CreateOptions{Dir: dir, Method: MethodEnv, KDF: testKDF})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(DefaultEnvVar, c.EnvValue) // also exercises the os.Getenv default
	got, err := Unlock(UnlockOptions{Dir: dir})
	if err != nil || !bytes.Equal(got, c.Key) {
		t.Fatalf("Unlock: %v", err)
	}
}

func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits")
	}
	s := setup(t, MethodKeyFile)
	info, _ := Describe(s.dir)
	for _, p := range []string{filepath.Join(s.dir, FileName), info.KeyFile} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %o, want 600", p, fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(s.dir)
	if len(entries) != 1 {
		t.Errorf("data folder holds %d entries, want only %s (no temporary files left)", len(entries), FileName)
	}
}

// TestKeyFileFolderMade is what a clerk expects from `hoso-node init
// --key-file` on a new drive or folder: the key file's missing folders are
// made, owner-only like the data folder, and the key opens from there.
func TestKeyFileFolderMade(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(tempDir(t), "data")
	keys := filepath.Join(tempDir(t), "khóa dữ liệu", "xã Đông Hòa")
	keyFile := filepath.Join(keys, "hoso.key")
	c, err := Create(CreateOptions{Dir: dir, Method: MethodKeyFile, KeyFile: keyFile, KDF: testKDF})
	if err != nil {
		t.Fatalf("Create with the key file's folder missing: %v", err)
	}
	unlockEqual(t, UnlockOptions{Dir: dir}, c.Key)
	if runtime.GOOS == "windows" {
		return // folders take their owner's ACL; there are no mode bits
	}
	for _, p := range []string{keys, filepath.Dir(keys)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %o, want 700", p, fi.Mode().Perm())
		}
	}
}

// TestKeyNeverInFile looks for the key in every plausible encoding, and
// proves the search works where the key legitimately is.
func TestKeyNeverInFile(t *testing.T) {
	t.Parallel()
	for _, m := range []Method{MethodPassphrase, MethodKeyFile, MethodEnv, MethodOS} {
		s := setup(t, m)
		rec := readFile(t, filepath.Join(s.dir, FileName))
		if form := containsKey(rec, s.created.Key); form != "" {
			t.Errorf("%s: datakey.json contains the key (%s)", m, form)
		}
		switch m {
		case MethodKeyFile:
			info, _ := Describe(s.dir)
			if containsKey(readFile(t, info.KeyFile), s.created.Key) == "" {
				t.Error("the search did not find the key in the key file itself")
			}
		case MethodEnv:
			if containsKey([]byte(s.created.EnvValue), s.created.Key) == "" {
				t.Error("the search did not find the key in the env value itself")
			}
		}
	}
}
