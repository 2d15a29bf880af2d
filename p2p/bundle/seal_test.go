package bundle

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"
)

func TestDeviceKeysSealAndOpen(t *testing.T) {
	// BIP 173's test vector: hrp "abcdef", the 5-bit values 0 to 31.
	data := []byte{0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf}
	if got := bech32("abcdef", data); got != "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw" {
		t.Fatalf("bech32: %s", got)
	}
	var keys []ed25519.PrivateKey
	for range 3 {
		_, k, err := ed25519.GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	var buf bytes.Buffer
	w, err := seal(&buf, []ed25519.PublicKey{keys[0].Public().(ed25519.PublicKey), keys[1].Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, plainMagic+"content")
	w.Close()
	for i, k := range keys {
		plain, err := Open(bytes.NewReader(buf.Bytes()), k)
		if i == 2 {
			if !errors.Is(err, ErrNotAddressed) {
				t.Errorf("a third key: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
		if got, err := io.ReadAll(plain); err != nil || string(got) != plainMagic+"content" {
			t.Errorf("key %d: %q %v", i, got, err)
		}
	}
	// A file of several 64 KiB chunks: one altered in the middle, or cut
	// at a chunk's end, does not read to its end.
	buf.Reset()
	w, err = seal(&buf, []ed25519.PublicKey{keys[0].Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("HSBUNDLE1\n"), 20_000)
	w.Write(big)
	w.Close()
	full := buf.Bytes()
	start := bytes.Index(full, []byte("\n--- ")) + 1 + 48 + 16 // after the MAC line and the nonce
	altered := bytes.Clone(full)
	altered[start+70_000] ^= 0x01
	for name, b := range map[string][]byte{"whole": full, "altered": altered, "cut after a chunk": full[:start+64<<10+16]} {
		plain, err := Open(bytes.NewReader(b), keys[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(plain)
		if name == "whole" {
			if err != nil || !bytes.Equal(got, big) {
				t.Fatalf("whole: %d bytes, %v", len(got), err)
			}
		} else if !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A key of small order (the identity point) is no recipient.
	small := make(ed25519.PublicKey, 32)
	small[0] = 1
	if _, err := x25519Recipient(small); err == nil {
		t.Error("a small-order key was accepted")
	}
	if _, err := Open(bytes.NewReader(buf.Bytes()), nil); err == nil || errors.Is(err, ErrRefused) {
		t.Errorf("no key: %v", err)
	}
}

// FuzzOpenBundle: whatever the bytes, opening and reading them never
// panics, and no file but the one sealed decrypts to its end.
// testdata/sealed.hsb is "HSBUNDLE1\n\x05\x01hello" sealed by seal to
// the key of seed 32 × 0x07 alone (fixed, as age seals with fresh
// randomness and the fuzzing workers must agree on it).
func FuzzOpenBundle(f *testing.F) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	const content = plainMagic + "\x05\x01hello"
	sealed, err := os.ReadFile("testdata/sealed.hsb")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add([]byte(content))
	f.Add([]byte(sealedMagic + "age-encryption.org/v1\n-> X25519 \n--- \n"))
	f.Add(append([]byte(sealedMagic), sealed[len(sealedMagic)+40:]...))
	f.Fuzz(func(t *testing.T, b []byte) {
		plain, err := Open(bytes.NewReader(b), key)
		if err != nil {
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("an error that is not a refused bundle: %v", err)
			}
			return
		}
		got, err := io.ReadAll(io.LimitReader(plain, 1<<20))
		if err != nil {
			return
		}
		if !bytes.Equal(b, sealed) || string(got) != content {
			t.Fatalf("a file other than the sealed one decrypted: %q", got)
		}
	})
}

// TestSealedFileRefusesEveryFlippedByte: a sealed file the size of a small
// bundle (one STREAM chunk, eight stanzas) with any one byte flipped fails
// to open or to decrypt to its end; package p2p's
// TestSealedBundleRefusesEveryFlippedByte runs a sample of such files of
// a real bundle through the whole import.
func TestSealedFileRefusesEveryFlippedByte(t *testing.T) {
	t.Parallel()
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := seal(&buf, []ed25519.PublicKey{key.Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	content := append([]byte(plainMagic), bytes.Repeat([]byte("frames "), 60)...)
	w.Write(content)
	w.Close()
	file := buf.Bytes()
	// Each try costs the X25519 of every stanza: in parallel, with the
	// device's identity derived once.
	id, err := x25519Identity(key)
	if err != nil {
		t.Fatal(err)
	}
	open := func(b []byte) ([]byte, error) {
		if !bytes.HasPrefix(b, []byte(sealedMagic)) {
			return nil, errors.New("the magic")
		}
		plain, err := decrypt(bytes.NewReader(b[len(sealedMagic):]), id)
		if err != nil {
			return nil, err
		}
		return io.ReadAll(plain)
	}
	if got, err := open(file); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("the file itself: %v", err)
	}
	step := 1
	if testing.Short() {
		step = 13
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	bad := make(chan int, len(file))
	for w := range workers {
		wg.Go(func() {
			for i := w * step; i < len(file); i += workers * step {
				b := bytes.Clone(file)
				b[i] ^= 0x01
				if _, err := open(b); err == nil {
					bad <- i
				}
			}
		})
	}
	wg.Wait()
	close(bad)
	for i := range bad {
		t.Errorf("the file with byte %d flipped decrypts", i)
	}
}
