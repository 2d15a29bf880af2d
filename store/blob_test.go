package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestBlobRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, 1, dir)
	cases := map[string][]byte{
		"one byte":            {7},
		"exactly one part":    randomBytes(BlobPartSize, 1),
		"several parts":       randomBytes(2*BlobPartSize+513, 2),
		"a part and one byte": randomBytes(BlobPartSize+1, 3),
	}
	ids := map[string]BlobID{}
	for name, data := range cases {
		id, err := s.PutBlob(data)
		if err != nil || id != BlobOf(data) {
			t.Fatalf("%s: put %v %v", name, id, err)
		}
		ids[name] = id
		got, err := s.Blob(id)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s: read back %d bytes, %v", name, len(got), err)
		}
		if size, err := s.BlobSize(id); err != nil || size != int64(len(data)) {
			t.Fatalf("%s: size %d %v", name, size, err)
		}
		// The same file twice is one blob.
		if again, err := s.PutBlob(data); err != nil || again != id {
			t.Fatalf("%s: second put %v %v", name, again, err)
		}
		if back, err := ParseBlobID(id.String()); err != nil || back != id {
			t.Fatalf("%s: address %s reads back as %v %v", name, id, back, err)
		}
	}
	if _, err := s.PutBlob(nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("an empty file is stored: %v", err)
	}
	if _, err := s.Blob(BlobOf([]byte("never stored"))); !errors.Is(err, ErrNoBlob) {
		t.Fatalf("an unknown blob: %v", err)
	}
	s.Close()
	s = openTest(t, 1, dir)
	for name, id := range ids {
		if got, err := s.Blob(id); err != nil || !bytes.Equal(got, cases[name]) {
			t.Fatalf("%s after reopening: %d bytes, %v", name, len(got), err)
		}
	}
}

// TestBlobInParts receives a blob in parts out of order, as a resumed
// transfer does, and refuses parts that are not the blob's.
func TestBlobInParts(t *testing.T) {
	s := openTest(t, 1, "")
	data := randomBytes(3*BlobPartSize+100, 4)
	id, size := BlobOf(data), int64(len(data))
	part := func(i uint32) []byte {
		lo := int(i) * BlobPartSize
		return data[lo:min(lo+BlobPartSize, len(data))]
	}
	for _, i := range []uint32{3, 1} {
		if err := s.PutBlobPart(id, size, i, part(i)); err != nil {
			t.Fatal(err)
		}
	}
	if missing, err := s.MissingBlobParts(id, size); err != nil || len(missing) != 2 || missing[0] != 0 || missing[1] != 2 {
		t.Fatalf("missing %v %v, want [0 2]", missing, err)
	}
	if err := s.CompleteBlob(id, size); !errors.Is(err, ErrNoBlob) {
		t.Fatalf("a blob lacking parts completes: %v", err)
	}
	if _, err := s.Blob(id); !errors.Is(err, ErrNoBlob) {
		t.Fatalf("an incomplete blob is readable: %v", err)
	}
	for _, bad := range []struct {
		part uint32
		data []byte
	}{{4, part(3)}, {0, part(3)}, {2, nil}} {
		if err := s.PutBlobPart(id, size, bad.part, bad.data); !errors.Is(err, ErrBadBlob) {
			t.Fatalf("part %d of %d bytes accepted: %v", bad.part, len(bad.data), err)
		}
	}
	// A part of the right length but the wrong contents: the whole does
	// not hash to the address, every part is dropped.
	wrong := bytes.Clone(part(0))
	wrong[10] ^= 1
	if err := s.PutBlobPart(id, size, 0, wrong); err != nil {
		t.Fatal(err)
	}
	if err := s.PutBlobPart(id, size, 2, part(2)); err != nil {
		t.Fatal(err)
	}
	if err := s.CompleteBlob(id, size); !errors.Is(err, ErrBadBlob) {
		t.Fatalf("a tampered blob completes: %v", err)
	}
	if missing, _ := s.MissingBlobParts(id, size); len(missing) != 4 {
		t.Fatalf("after a bad blob %d parts remain missing, want all 4", len(missing))
	}
	for i := uint32(0); i < 4; i++ {
		if err := s.PutBlobPart(id, size, i, part(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CompleteBlob(id, size); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Blob(id); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("completed blob reads %d bytes, %v", len(got), err)
	}
}

// TestBlobEncryptedAtRest proves a stored file's bytes never appear in the
// database's files when the store has its key.
func TestBlobEncryptedAtRest(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, Signer: testKey(1), EncryptionKey: bytes.Repeat([]byte{9}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	marker := []byte("CCCD 038201000123 Nguyen Van A scan")
	data := append(bytes.Repeat(marker, 2000), randomBytes(1000, 5)...)
	if _, err := s.PutBlob(data); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	err = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(raw, marker) {
			t.Errorf("%s holds the file's text in clear", filepath.Base(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
