package seal

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeRecord feeds the datakey.json decoder arbitrary bytes. It must
// never panic, and whatever it accepts must encode back to an equivalent
// record that it accepts again.
func FuzzDecodeRecord(f *testing.F) {
	for _, m := range []Method{MethodPassphrase, MethodKeyFile, MethodEnv, MethodOS} {
		s := setup(f, m)
		f.Add(readFile(f, filepath.Join(s.dir, FileName)))
	}
	// A DPAPI-shaped record, as Windows writes it.
	s := setup(f, MethodEnv)
	r, err := readRecord(s.dir)
	if err != nil {
		f.Fatal(err)
	}
	r.Method, r.Env, r.OS = MethodOS, nil, &osAt{Store: storeDPAPI, Blob: []byte("blob")}
	dpapiRec, _ := r.encode()
	f.Add(dpapiRec)
	for _, seed := range []string{"", "{}", "null", "[]", `{"format":"hoso-datakey","version":1}`, `{"format":"hoso-datakey","version":9}`} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := decodeRecord(data)
		if err != nil {
			return
		}
		out, err := r.encode()
		if err != nil {
			t.Fatalf("accepted record does not encode: %v", err)
		}
		r2, err := decodeRecord(out)
		if err != nil {
			t.Fatalf("re-encoded record refused: %v", err)
		}
		if !bytes.Equal(r.header(), r2.header()) || !bytes.Equal(r.checkInput(), r2.checkInput()) {
			t.Fatal("re-encoding changed the authenticated fields")
		}
	})
}

// FuzzUnlock runs the whole Unlock path over arbitrary datakey.json bytes
// with a real passphrase and recovery key: no panic, and never a key that
// differs from the one sealed. The key is fixed, because fuzzing workers
// each run this setup but share the coordinator's corpus.
func FuzzUnlock(f *testing.F) {
	dir := tempDir(f)
	fixed := bytes.Repeat([]byte{0x5a}, KeySize)
	c, err := sealKey(CreateOptions{Dir: dir, Method: MethodPassphrase, Passphrase: testPassphrase, KDF: testKDF}, fixed, false)
	if err != nil {
		f.Fatal(err)
	}
	orig := readFile(f, filepath.Join(dir, FileName))
	f.Add(orig, false)
	f.Add(orig, true)
	f.Add(bytes.Replace(orig, []byte(`"time": 1`), []byte(`"time": 2`), 1), false)
	work := tempDir(f) // one folder per worker process, rewritten each time
	f.Fuzz(func(t *testing.T, data []byte, useRecovery bool) {
		dir := work
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o600); err != nil {
			t.Fatal(err)
		}
		opts := UnlockOptions{Dir: dir, Passphrase: testPassphrase}
		if useRecovery {
			opts = UnlockOptions{Dir: dir, RecoveryKey: c.RecoveryKey}
		}
		if r, err := decodeRecord(data); err == nil && heavyKDF(r) {
			t.Skip("KDF parameters too costly for fuzzing")
		}
		key, err := Unlock(opts)
		if err == nil && !bytes.Equal(key, fixed) {
			t.Fatal("Unlock returned a key other than the one sealed")
		}
	})
}

// heavyKDF reports whether a record asks for more argon2 work than a fuzz
// iteration should spend.
func heavyKDF(r *record) bool {
	for _, w := range []*wrap{r.Passphrase, &r.Recovery} {
		if w != nil && uint64(w.Time)*uint64(w.MemoryKiB) > 4096 {
			return true
		}
	}
	return false
}

// FuzzParseRecoveryKey checks the recovery-key reader never panics and
// only accepts what reads back the same.
func FuzzParseRecoveryKey(f *testing.F) {
	for _, s := range []string{"", "0000-0000-0000-0000-0000-0000-0000-0000", "zzzz zzzz zzzz zzzz zzzz zzzz zzzz zzzz", "U", "ỗ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseRecoveryKey(s)
		if err != nil {
			return
		}
		if len(b) != recoveryBytes {
			t.Fatalf("accepted %q as %d bytes", s, len(b))
		}
		again, err := ParseRecoveryKey(formatRecoveryKey(b))
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("round trip of %q failed: %v", s, err)
		}
	})
}
