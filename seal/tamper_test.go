package seal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// refusals are the errors a tampered record may produce.
var refusals = []error{ErrCorrupt, ErrWrongSecret, ErrUnsupported}

// TestTamperEveryByte flips bits in every byte of datakey.json and unlocks
// by each route: every change must be refused, and no route may return a
// key, let alone a different one.
func TestTamperEveryByte(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a slow test (multi-process or exhaustive); make test-go runs it")
	}
	type route struct {
		name   string
		method Method
		opts   func(s sealed) UnlockOptions
		// extra lists errors acceptable for this route: a flipped key-file
		// path or variable name points at a place that does not exist.
		extra error
	}
	recovery := func(s sealed) UnlockOptions {
		return UnlockOptions{Dir: s.dir, RecoveryKey: s.created.RecoveryKey}
	}
	routes := []route{
		{"passphrase", MethodPassphrase, func(s sealed) UnlockOptions { return s.unlock }, nil},
		{"recovery/passphrase", MethodPassphrase, recovery, nil},
		{"recovery/keyfile", MethodKeyFile, recovery, nil},
		{"recovery/env", MethodEnv, recovery, nil},
		{"recovery/os", MethodOS, recovery, nil},
		{"os", MethodOS, func(s sealed) UnlockOptions { return s.unlock }, ErrKeyUnavailable},
		// The key file given explicitly, so the recorded path is only
		// authenticated, not followed.
		{"keyfile (override)", MethodKeyFile, func(s sealed) UnlockOptions {
			info, _ := Describe(s.dir)
			return UnlockOptions{Dir: s.dir, KeyFile: info.KeyFile}
		}, nil},
		{"keyfile (recorded path)", MethodKeyFile, func(s sealed) UnlockOptions { return s.unlock }, ErrKeyUnavailable},
		// A getenv that answers for any name, so a flipped name is caught
		// by authentication rather than by an unset variable.
		{"env (any name)", MethodEnv, func(s sealed) UnlockOptions {
			return UnlockOptions{Dir: s.dir, Getenv: func(string) string { return s.created.EnvValue }}
		}, nil},
	}
	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			s := setup(t, r.method)
			path := filepath.Join(s.dir, FileName)
			orig := readFile(t, path)
			opts := r.opts(s)
			if key, err := Unlock(opts); err != nil || !bytes.Equal(key, s.created.Key) {
				t.Fatalf("untampered Unlock: %v", err)
			}
			// Each change rewrites one byte in place: truncating and
			// rewriting the whole file made ext4 flush it to disk on
			// every close, two thirds of the test's CPU.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			tried := 0
			for i := range orig {
				for _, mask := range []byte{0x01, 0x02, 0x20, 0x80} {
					mut := bytes.Clone(orig)
					mut[i] ^= mask
					if _, err := f.WriteAt(mut[i:i+1], int64(i)); err != nil {
						t.Fatal(err)
					}
					key, err := Unlock(opts)
					tried++
					if err == nil {
						t.Fatalf("byte %d ^ %#x (%q→%q) accepted; returned the original key: %v",
							i, mask, orig[i], mut[i], bytes.Equal(key, s.created.Key))
					}
					if key != nil {
						t.Fatalf("byte %d ^ %#x: a key came back with an error", i, mask)
					}
					if !isOneOf(err, refusals...) && !(r.extra != nil && errors.Is(err, r.extra)) {
						t.Fatalf("byte %d ^ %#x (%q→%q): unexpected error %v", i, mask, orig[i], mut[i], err)
					}
				}
				if _, err := f.WriteAt(orig[i:i+1], int64(i)); err != nil {
					t.Fatal(err)
				}
			}
			if got := readFile(t, path); !bytes.Equal(got, orig) {
				t.Fatal("the record was not restored after the changes")
			}
			t.Logf("%d single-byte changes over %d bytes, all refused", tried, len(orig))
		})
	}
}

// TestTamperStructure covers edits a bit flip cannot make.
func TestTamperStructure(t *testing.T) {
	s := setup(t, MethodPassphrase)
	other := setup(t, MethodPassphrase)
	path := filepath.Join(s.dir, FileName)
	orig := readFile(t, path)
	otherRec := readFile(t, filepath.Join(other.dir, FileName))
	swapField := func(field string) []byte {
		a, _ := decodeRecord(orig)
		b, _ := decodeRecord(otherRec)
		switch field {
		case "recovery":
			a.Recovery = b.Recovery
		case "passphrase":
			a.Passphrase = b.Passphrase
		case "check":
			a.Check = b.Check
		case "key_id":
			a.KeyID = b.KeyID
		}
		out, _ := a.encode()
		return out
	}
	cases := map[string][]byte{
		"empty":              {},
		"truncated":          orig[:len(orig)/2],
		"not json":           []byte("hello"),
		"json null":          []byte("null"),
		"extra field":        bytes.Replace(orig, []byte(`"version": 1,`), []byte(`"version": 1, "note": "x",`), 1),
		"duplicated field":   bytes.Replace(orig, []byte(`"version": 1,`), []byte(`"version": 1, "version": 1,`), 1),
		"re-cased field":     bytes.Replace(orig, []byte(`"method"`), []byte(`"Method"`), 1),
		"newer version":      bytes.Replace(orig, []byte(`"version": 1,`), []byte(`"version": 2,`), 1),
		"trailing data":      append(bytes.Clone(orig), []byte("{}")...),
		"swapped recovery":   swapField("recovery"),
		"swapped passphrase": swapField("passphrase"),
		"swapped check":      swapField("check"),
		"swapped key_id":     swapField("key_id"),
		"huge":               bytes.Repeat([]byte(" "), maxRecordSize+1),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, opts := range []UnlockOptions{s.unlock, {Dir: s.dir, RecoveryKey: s.created.RecoveryKey}} {
				key, err := Unlock(opts)
				if err == nil || key != nil || !isOneOf(err, refusals...) {
					t.Fatalf("Unlock = %v (key returned: %v)", err, key != nil)
				}
			}
		})
	}
	t.Run("whitespace only", func(t *testing.T) {
		// Re-indenting is not tampering: the values are unchanged.
		var compact bytes.Buffer
		compact.Write(bytes.ReplaceAll(orig, []byte("\n  "), []byte("\n\t")))
		os.WriteFile(path, compact.Bytes(), 0o600)
		unlockEqual(t, s.unlock, s.created.Key)
	})
}

func isOneOf(err error, targets ...error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
