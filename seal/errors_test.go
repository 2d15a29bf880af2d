package seal

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestUnlockErrors(t *testing.T) {
	t.Parallel()
	fake := newFakeStore()
	pass := setup(t, MethodPassphrase)
	kf := setup(t, MethodKeyFile)
	env := setup(t, MethodEnv)
	osSealed := setupIn(t, MethodOS, fake)
	other := setup(t, MethodKeyFile) // another folder's key file
	otherInfo, _ := Describe(other.dir)
	kfInfo, _ := Describe(kf.dir)
	wrongRecovery := formatRecoveryKey(make([]byte, recoveryBytes))

	tests := []struct {
		name  string
		opts  UnlockOptions
		setup func(t *testing.T)
		want  error
		// what the message must mention, so the UI's detail is useful
		mention string
	}{
		{"wrong passphrase", UnlockOptions{Dir: pass.dir, Passphrase: testPassphrase + "x"}, nil, ErrWrongSecret, "passphrase"},
		{"short wrong passphrase", UnlockOptions{Dir: pass.dir, Passphrase: "short"}, nil, ErrWrongSecret, ""},
		{"passphrase differing in case", UnlockOptions{Dir: pass.dir, Passphrase: strings.ToUpper(testPassphrase)}, nil, ErrWrongSecret, ""},
		{"no passphrase", UnlockOptions{Dir: pass.dir}, nil, ErrNeedSecret, ""},
		{"wrong recovery key", UnlockOptions{Dir: pass.dir, RecoveryKey: wrongRecovery}, nil, ErrWrongSecret, "recovery key"},
		{"recovery key too short", UnlockOptions{Dir: pass.dir, RecoveryKey: "ABCD-EFGH"}, nil, ErrWrongSecret, "8 groups of 4"},
		{"recovery key bad character", UnlockOptions{Dir: pass.dir, RecoveryKey: strings.Replace(pass.created.RecoveryKey, "-", "U", 1)}, nil, ErrWrongSecret, "'U'"},
		{"another folder's recovery key", UnlockOptions{Dir: pass.dir, RecoveryKey: kf.created.RecoveryKey}, nil, ErrWrongSecret, ""},
		{"missing key file", UnlockOptions{Dir: kf.dir, KeyFile: filepath.Join(tempDir(t), "gone.key")}, nil, ErrKeyUnavailable, "gone.key"},
		{"another folder's key file", UnlockOptions{Dir: kf.dir, KeyFile: otherInfo.KeyFile}, nil, ErrWrongSecret, otherInfo.KeyFile},
		{"garbage key file", UnlockOptions{Dir: kf.dir, KeyFile: writeTemp(t, "not a key\n", 0o600)}, nil, ErrKeyUnavailable, "base64 or hex"},
		{"unset env", UnlockOptions{Dir: env.dir, Getenv: mapEnv(nil)}, nil, ErrKeyUnavailable, "HOSO_TEST_KEY"},
		{"garbage env", UnlockOptions{Dir: env.dir, Getenv: mapEnv(map[string]string{"HOSO_TEST_KEY": "%%%"})}, nil, ErrKeyUnavailable, "HOSO_TEST_KEY"},
		{"another folder's env value", UnlockOptions{Dir: env.dir, Getenv: mapEnv(map[string]string{"HOSO_TEST_KEY": envValue(kf.created.Key)})}, nil, ErrWrongSecret, "HOSO_TEST_KEY"},
		{"os store lost the item", UnlockOptions{Dir: osSealed.dir, keys: fake}, func(t *testing.T) {
			saved := fake.items
			fake.items = map[string][]byte{}
			t.Cleanup(func() { fake.items = saved })
		}, ErrKeyUnavailable, "recovery key"},
		{"os store down", UnlockOptions{Dir: osSealed.dir, keys: fake}, func(t *testing.T) {
			fake.down = true
			t.Cleanup(func() { fake.down = false })
		}, ErrKeyUnavailable, ""},
		{"os store absent (other platform)", UnlockOptions{Dir: osSealed.dir, keys: &noKeyStore{}}, nil, ErrKeyUnavailable, storeSecretService},
		{"no seal", UnlockOptions{Dir: tempDir(t)}, nil, ErrNoSeal, ""},
		{"no folder given", UnlockOptions{}, nil, ErrInvalidOptions, "no data folder"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			name    string
			opts    UnlockOptions
			setup   func(t *testing.T)
			want    error
			mention string
		}{"key file readable by others", UnlockOptions{Dir: kf.dir}, func(t *testing.T) {
			if err := os.Chmod(kfInfo.KeyFile, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(kfInfo.KeyFile, 0o600) })
		}, ErrInsecureKeyFile, "chmod 600 " + kfInfo.KeyFile})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup(t)
			}
			key, err := Unlock(tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Unlock error = %v, want %v", err, tt.want)
			}
			if key != nil {
				t.Fatal("a failed Unlock returned a key")
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("message %q does not mention %q", err, tt.mention)
			}
		})
	}
	// Everything still opens afterwards: the failures changed nothing.
	for _, s := range []sealed{pass, kf, env, osSealed} {
		if _, err := Unlock(s.unlock); err != nil {
			t.Errorf("Unlock after the failures: %v", err)
		}
	}
}

func TestCreateErrors(t *testing.T) {
	t.Parallel()
	fake := newFakeStore()
	existing := setup(t, MethodPassphrase)
	tmp := tempDir(t)
	takenKeyFile := writeTemp(t, "something else\n", 0o600)

	tests := []struct {
		name    string
		opts    CreateOptions
		setup   func(t *testing.T, dir string)
		want    error
		mention string
	}{
		{"short passphrase", CreateOptions{Method: MethodPassphrase, Passphrase: "Hồ Sơ 123"}, nil, ErrWeakPassphrase, "at least 10"},
		{"no passphrase", CreateOptions{Method: MethodPassphrase}, nil, ErrWeakPassphrase, ""},
		{"key file inside the data folder", CreateOptions{Method: MethodKeyFile, KeyFile: "INSIDE/hoso.key"}, nil, ErrInsecureKeyFile, "inside the data folder"},
		{"key file is the data folder", CreateOptions{Method: MethodKeyFile, KeyFile: "INSIDE"}, nil, ErrInsecureKeyFile, ""},
		{"key file inside via a symlink", CreateOptions{Method: MethodKeyFile, KeyFile: filepath.Join(tmp, "link", "hoso.key")}, func(t *testing.T, dir string) {
			// The data folder exists first: Windows makes a link to a
			// missing target a file link, which no folder path crosses.
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(tmp, "link")
			if err := os.Symlink(dir, link); err != nil {
				t.Skip("no symlinks:", err)
			}
			// Wine 8's CreateSymbolicLinkW reports success and makes
			// nothing: there is no link to cross.
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Skipf("making a symbolic link reported success but none exists (Wine's CreateSymbolicLinkW is a stub): %v", err)
			}
		}, ErrInsecureKeyFile, ""},
		{"key file already there", CreateOptions{Method: MethodKeyFile, KeyFile: takenKeyFile}, nil, ErrExists, takenKeyFile},
		{"key file inside the data folder, in a folder not made yet", CreateOptions{Method: MethodKeyFile, KeyFile: "INSIDE/khóa/hoso.key"}, nil, ErrInsecureKeyFile, "inside the data folder"},
		{"key file folder under a file", CreateOptions{Method: MethodKeyFile, KeyFile: filepath.Join(takenKeyFile, "khóa", "hoso.key")}, nil, ErrInvalidOptions, "khóa"},
		{"key file path empty", CreateOptions{Method: MethodKeyFile}, nil, ErrInvalidOptions, ""},
		{"bad env name", CreateOptions{Method: MethodEnv, EnvVar: "HOSO-KEY"}, nil, ErrInvalidOptions, "HOSO-KEY"},
		{"unknown method", CreateOptions{Method: "tpm"}, nil, ErrInvalidOptions, "tpm"},
		{"KDF out of range", CreateOptions{Method: MethodEnv, KDF: &KDFParams{Time: 0, MemoryKiB: 64, Threads: 1}}, nil, ErrInvalidOptions, "time"},
		{"no OS key store", CreateOptions{Method: MethodOS, keys: fake}, func(t *testing.T, _ string) {
			fake.down = true
			t.Cleanup(func() { fake.down = false })
		}, ErrKeyUnavailable, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(tempDir(t), "data")
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			if strings.HasPrefix(tt.opts.KeyFile, "INSIDE") {
				tt.opts.KeyFile = filepath.Join(dir, strings.TrimPrefix(tt.opts.KeyFile, "INSIDE"))
			}
			tt.opts.Dir = dir
			if tt.opts.KDF == nil {
				tt.opts.KDF = testKDF
			}
			c, err := Create(tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Create error = %v, want %v", err, tt.want)
			}
			if c.Key != nil || c.RecoveryKey != "" {
				t.Fatal("a failed Create returned a key")
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("message %q does not mention %q", err, tt.mention)
			}
			if _, err := Describe(dir); !errors.Is(err, ErrNoSeal) {
				t.Errorf("a failed Create left a record: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "khóa")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused key file's folder was made in the data folder: %v", err)
			}
		})
	}
	if got := string(readFile(t, takenKeyFile)); got != "something else\n" {
		t.Errorf("Create overwrote an existing key file: %q", got)
	}
	t.Run("twice", func(t *testing.T) {
		before := readFile(t, filepath.Join(existing.dir, FileName))
		_, err := Create(CreateOptions{Dir: existing.dir, Method: MethodEnv, KDF: testKDF})
		if !errors.Is(err, ErrExists) {
			t.Fatalf("second Create = %v, want ErrExists", err)
		}
		if after := readFile(t, filepath.Join(existing.dir, FileName)); string(after) != string(before) {
			t.Fatal("second Create changed datakey.json")
		}
	})
}

// TestCreateUndoesSideEffects fails the final write and checks that the key
// file (with the folders made for it) and the OS store item made before it
// are removed.
func TestCreateUndoesSideEffects(t *testing.T) {
	t.Parallel()
	for _, m := range []Method{MethodKeyFile, MethodOS} {
		t.Run(string(m), func(t *testing.T) {
			fake := newFakeStore()
			dir := tempDir(t)
			keys := tempDir(t)
			keyFile := filepath.Join(keys, "khóa", "máy xã", "hoso.key")
			_, err := sealKey(CreateOptions{Dir: dir, Method: m, KeyFile: keyFile, KDF: testKDF, keys: fake}, randomBytes(KeySize), false)
			if err != nil {
				t.Fatal(err)
			}
			if err := removeTree(filepath.Join(keys, "khóa")); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			clear(fake.items)
			// Now datakey.json exists: sealKey (as a racing Create) must fail
			// at publish time and undo what it did.
			_, err = sealKey(CreateOptions{Dir: dir, Method: m, KeyFile: keyFile, KDF: testKDF, keys: fake}, randomBytes(KeySize), false)
			if !errors.Is(err, ErrExists) {
				t.Fatalf("racing Create = %v, want ErrExists", err)
			}
			if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
				t.Error("the key file written for the failed Create is still there")
			}
			if _, err := os.Stat(filepath.Join(keys, "khóa")); !os.IsNotExist(err) {
				t.Error("the folders made for the failed Create's key file are still there")
			}
			if len(fake.items) != 0 {
				t.Error("the OS store item made for the failed Create is still there")
			}
		})
	}
}

func writeTemp(t testing.TB, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(tempDir(t), "some.key")
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	return p
}
