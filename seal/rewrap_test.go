package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRewrap(t *testing.T) {
	t.Parallel()
	const newPass = "mật khẩu mới của xã"
	tests := []struct {
		name  string
		from  Method
		to    CreateOptions
		check func(t *testing.T, s sealed, c Created)
	}{
		{"new passphrase", MethodPassphrase, CreateOptions{Method: MethodPassphrase, Passphrase: newPass}, func(t *testing.T, s sealed, c Created) {
			if _, err := Unlock(s.unlock); !errors.Is(err, ErrWrongSecret) {
				t.Errorf("old passphrase after Rewrap: %v, want ErrWrongSecret", err)
			}
			unlockEqual(t, UnlockOptions{Dir: s.dir, Passphrase: newPass}, c.Key)
		}},
		{"os to passphrase (profile rebuilt)", MethodOS, CreateOptions{Method: MethodPassphrase, Passphrase: newPass}, func(t *testing.T, s sealed, c Created) {
			unlockEqual(t, UnlockOptions{Dir: s.dir, Passphrase: newPass}, c.Key)
			if len(s.fake.items) != 0 {
				t.Errorf("the old OS store item was not removed (%d left)", len(s.fake.items))
			}
		}},
		{"keyfile to env", MethodKeyFile, CreateOptions{Method: MethodEnv}, func(t *testing.T, s sealed, c Created) {
			unlockEqual(t, UnlockOptions{Dir: s.dir, Getenv: mapEnv(map[string]string{DefaultEnvVar: c.EnvValue})}, c.Key)
		}},
		{"keyfile kept at the same path", MethodKeyFile, CreateOptions{Method: MethodKeyFile, KeyFile: "SAME"}, func(t *testing.T, s sealed, c Created) {
			unlockEqual(t, UnlockOptions{Dir: s.dir}, c.Key)
		}},
		{"passphrase to os", MethodPassphrase, CreateOptions{Method: MethodOS}, func(t *testing.T, s sealed, c Created) {
			unlockEqual(t, UnlockOptions{Dir: s.dir, keys: s.fake}, c.Key)
			if _, err := Unlock(s.unlock); err != nil {
				// A passphrase given to an os-sealed folder is ignored.
				t.Errorf("Unlock with a stray passphrase: %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t, tt.from)
			before, _ := Describe(s.dir)
			// The usual path: the old seal is lost, the recovery key opens it.
			key, err := Unlock(UnlockOptions{Dir: s.dir, RecoveryKey: s.created.RecoveryKey})
			if err != nil {
				t.Fatal(err)
			}
			tt.to.KDF = testKDF
			tt.to.keys = s.fake
			if tt.to.KeyFile == "SAME" {
				tt.to.KeyFile = before.KeyFile
			}
			c, err := Rewrap(s.dir, key, tt.to)
			if err != nil {
				t.Fatalf("Rewrap: %v", err)
			}
			if !bytes.Equal(c.Key, s.created.Key) {
				t.Fatal("Rewrap changed the data key")
			}
			if c.RecoveryKey == "" || c.RecoveryKey == s.created.RecoveryKey {
				t.Fatal("Rewrap did not issue a new recovery key")
			}
			if _, err := Unlock(UnlockOptions{Dir: s.dir, RecoveryKey: s.created.RecoveryKey}); !errors.Is(err, ErrWrongSecret) {
				t.Errorf("old recovery key after Rewrap: %v, want ErrWrongSecret", err)
			}
			unlockEqual(t, UnlockOptions{Dir: s.dir, RecoveryKey: c.RecoveryKey}, c.Key)
			after, _ := Describe(s.dir)
			if after.KeyID == before.KeyID || after.Method != tt.to.Method {
				t.Errorf("Describe after Rewrap = %+v", after)
			}
			tt.check(t, s, c)
		})
	}
}

func TestRewrapRefuses(t *testing.T) {
	t.Parallel()
	s := setup(t, MethodPassphrase)
	before := readFile(t, filepath.Join(s.dir, FileName))
	_, err := Rewrap(s.dir, randomBytes(KeySize), CreateOptions{Method: MethodPassphrase, Passphrase: "another long passphrase", KDF: testKDF})
	if !errors.Is(err, ErrWrongSecret) {
		t.Fatalf("Rewrap with a wrong key = %v, want ErrWrongSecret", err)
	}
	_, err = Rewrap(s.dir, s.created.Key, CreateOptions{Method: MethodPassphrase, Passphrase: "short", KDF: testKDF})
	if !errors.Is(err, ErrWeakPassphrase) {
		t.Fatalf("Rewrap with a short passphrase = %v, want ErrWeakPassphrase", err)
	}
	if !bytes.Equal(before, readFile(t, filepath.Join(s.dir, FileName))) {
		t.Fatal("a refused Rewrap changed datakey.json")
	}
	if _, err := Rewrap(tempDir(t), s.created.Key, CreateOptions{Method: MethodEnv}); !errors.Is(err, ErrNoSeal) {
		t.Fatalf("Rewrap of an empty folder = %v, want ErrNoSeal", err)
	}
	entries, _ := os.ReadDir(s.dir)
	if len(entries) != 1 {
		t.Errorf("data folder holds %d entries after refused rewraps", len(entries))
	}
}

func unlockEqual(t *testing.T, opts UnlockOptions, want []byte) {
	t.Helper()
	got, err := Unlock(opts)
	if err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("Unlock returned a different key")
	}
}
