package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Blobs are the contents of files a record points at — a scanned paper, a
// signed result, a piece of evidence — kept beside the log, not in it: an
// event names a blob by its BlobID, so a record syncs at once and its file
// may follow later. A blob is stored in parts (prefixBlobPart) and counts
// only once it is complete (prefixBlob): every part is there and the whole
// hashes to its address. Like everything in the database, the parts are
// encrypted at rest by Badger's key. The same file stored twice is one
// blob.

// BlobPartSize is the size of a blob's parts: a few seconds on a 64 kbit/s
// link, so a transfer cut loses little, and just under the store's value
// threshold (64 KiB), the largest value the in-memory store takes. Parts
// therefore live in the LSM tree, not the value log, and compactions copy
// them: the cost of a year of scans in disk writes is measured by the
// benchmarks, and a flat-file store beside Badger is the way out if it
// is too high.
const BlobPartSize = 64<<10 - 64

// MaxBlobSize bounds a blob: the largest file any record may carry. What a
// kind of file may weigh is the caller's rule, below this.
const MaxBlobSize = 64 << 20

// blobVersion is the version byte of a blob's header.
const blobVersion = 1

// ErrNoBlob is returned for a blob this node does not hold complete: never
// received, or not synced yet.
var ErrNoBlob = errors.New("store: blob not held")

// ErrBadBlob is returned when a blob's parts do not hash to its address,
// or a part lies outside its size.
var ErrBadBlob = errors.New("store: blob parts do not match its address")

// BlobID is a blob's address: the SHA-256 of its contents.
type BlobID [sha256.Size]byte

// BlobOf returns the address of contents.
func BlobOf(data []byte) BlobID { return sha256.Sum256(data) }

// String writes the address as 64 lower-case hex digits.
func (id BlobID) String() string { return hex.EncodeToString(id[:]) }

// ParseBlobID reads an address written by String.
func ParseBlobID(s string) (BlobID, error) {
	var id BlobID
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(id) {
		return id, fmt.Errorf("bad blob address %q", s)
	}
	copy(id[:], b)
	return id, nil
}

// BlobParts returns how many parts a blob of size bytes has.
func BlobParts(size int64) uint32 {
	return uint32((size + BlobPartSize - 1) / BlobPartSize)
}

func blobHeader(size int64) []byte {
	h := []byte{blobVersion}
	h = binary.BigEndian.AppendUint64(h, uint64(size))
	return binary.BigEndian.AppendUint32(h, BlobParts(size))
}

func readBlobHeader(v []byte) (size int64, err error) {
	if len(v) != 13 || v[0] != blobVersion {
		return 0, fmt.Errorf("blob header of %d bytes, version %d: %w", len(v), firstByte(v), ErrTampered)
	}
	size = int64(binary.BigEndian.Uint64(v[1:9]))
	if size < 0 || size > MaxBlobSize || binary.BigEndian.Uint32(v[9:]) != BlobParts(size) {
		return 0, fmt.Errorf("blob header says %d bytes: %w", size, ErrTampered)
	}
	return size, nil
}

func firstByte(v []byte) int {
	if len(v) == 0 {
		return -1
	}
	return int(v[0])
}

// PutBlob stores contents whole and returns their address; contents held
// already are not written again. Empty contents and contents over
// MaxBlobSize are refused.
func (s *Store) PutBlob(data []byte) (BlobID, error) {
	id := BlobOf(data)
	if len(data) == 0 || len(data) > MaxBlobSize {
		return id, fmt.Errorf("storing a blob of %d bytes: %w", len(data), ErrInvalid)
	}
	if _, err := s.BlobSize(id); err == nil {
		return id, nil
	} else if !errors.Is(err, ErrNoBlob) {
		return id, err
	}
	// A write batch splits the parts over as many transactions as Badger
	// needs; the header goes last, in its own, so a crash between leaves
	// parts that count for nothing and a later put completes.
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for i := uint32(0); i < BlobParts(int64(len(data))); i++ {
		lo := int(i) * BlobPartSize
		hi := min(lo+BlobPartSize, len(data))
		if err := wb.Set(blobPartKey(id, i), data[lo:hi]); err != nil {
			return id, fmt.Errorf("storing blob %s: %w", id, err)
		}
	}
	if err := wb.Flush(); err != nil {
		return id, fmt.Errorf("storing blob %s: %w", id, err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(blobKey(id), blobHeader(int64(len(data))))
	}); err != nil {
		return id, fmt.Errorf("completing blob %s: %w", id, err)
	}
	return id, nil
}

// BlobSize returns the size of a complete blob, or ErrNoBlob.
func (s *Store) BlobSize(id BlobID) (int64, error) {
	var size int64
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(blobKey(id))
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			size, err = readBlobHeader(v)
			return err
		})
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, ErrNoBlob
	}
	if err != nil {
		return 0, fmt.Errorf("reading blob %s: %w", id, err)
	}
	return size, nil
}

// Blob returns a complete blob's contents, checked against its address,
// or ErrNoBlob.
func (s *Store) Blob(id BlobID) ([]byte, error) {
	var out []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(blobKey(id))
		if err != nil {
			return err
		}
		var size int64
		if err := item.Value(func(v []byte) error {
			size, err = readBlobHeader(v)
			return err
		}); err != nil {
			return err
		}
		buf := make([]byte, 0, size)
		for i := uint32(0); i < BlobParts(size); i++ {
			part, err := txn.Get(blobPartKey(id, i))
			if err != nil {
				return fmt.Errorf("part %d: %w", i, err)
			}
			if err := part.Value(func(v []byte) error { buf = append(buf, v...); return nil }); err != nil {
				return err
			}
		}
		// Badger checks each value; the address checks the whole, so a
		// part swapped for another blob's cannot pass.
		if int64(len(buf)) != size || BlobOf(buf) != id {
			return ErrBadBlob
		}
		out = buf
		return nil
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNoBlob
	}
	if err != nil {
		return nil, fmt.Errorf("reading blob %s: %w", id, err)
	}
	return out, nil
}

// PutBlobPart stores one part of a blob arriving in pieces (from a peer,
// resumed after a cut); the blob counts once CompleteBlob finds it whole.
// A part outside a blob of size bytes, or of the wrong length, is refused.
func (s *Store) PutBlobPart(id BlobID, size int64, part uint32, data []byte) error {
	if size <= 0 || size > MaxBlobSize || part >= BlobParts(size) {
		return fmt.Errorf("part %d of a %d-byte blob: %w", part, size, ErrBadBlob)
	}
	want := int64(BlobPartSize)
	if part == BlobParts(size)-1 {
		want = size - int64(part)*BlobPartSize
	}
	if int64(len(data)) != want {
		return fmt.Errorf("part %d of %d bytes, want %d: %w", part, len(data), want, ErrBadBlob)
	}
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(blobPartKey(id, part), data)
	}); err != nil {
		return fmt.Errorf("storing part %d of blob %s: %w", part, id, err)
	}
	return nil
}

// MissingBlobParts returns the parts of a blob of size bytes not stored
// yet, in order: what a resumed transfer still asks for.
func (s *Store) MissingBlobParts(id BlobID, size int64) ([]uint32, error) {
	var missing []uint32
	err := s.db.View(func(txn *badger.Txn) error {
		for i := uint32(0); i < BlobParts(size); i++ {
			if _, err := txn.Get(blobPartKey(id, i)); errors.Is(err, badger.ErrKeyNotFound) {
				missing = append(missing, i)
			} else if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing parts of blob %s: %w", id, err)
	}
	return missing, nil
}

// CompleteBlob marks a blob received in parts complete once every part is
// stored and the whole hashes to its address. Parts that do not are
// dropped, so the transfer starts again, and ErrBadBlob is returned.
func (s *Store) CompleteBlob(id BlobID, size int64) error {
	if size <= 0 || size > MaxBlobSize {
		return fmt.Errorf("a %d-byte blob: %w", size, ErrBadBlob)
	}
	missing, err := s.MissingBlobParts(id, size)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("blob %s lacks %d parts: %w", id, len(missing), ErrNoBlob)
	}
	h := sha256.New()
	var n int64
	err = s.db.View(func(txn *badger.Txn) error {
		for i := uint32(0); i < BlobParts(size); i++ {
			part, err := txn.Get(blobPartKey(id, i))
			if err != nil {
				return err
			}
			if err := part.Value(func(v []byte) error { n += int64(len(v)); _, err := h.Write(v); return err }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("checking blob %s: %w", id, err)
	}
	if n != size || !bytes.Equal(h.Sum(nil), id[:]) {
		if err := s.dropBlobParts(id, size); err != nil {
			return err
		}
		return fmt.Errorf("blob %s: %w", id, ErrBadBlob)
	}
	if err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(blobKey(id), blobHeader(size))
	}); err != nil {
		return fmt.Errorf("completing blob %s: %w", id, err)
	}
	return nil
}

func (s *Store) dropBlobParts(id BlobID, size int64) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for i := uint32(0); i < BlobParts(size); i++ {
		if err := wb.Delete(blobPartKey(id, i)); err != nil {
			return fmt.Errorf("dropping blob %s: %w", id, err)
		}
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("dropping blob %s: %w", id, err)
	}
	return nil
}

// BlobPart returns one part of a complete blob, for sending it in pieces;
// ErrNoBlob when the blob is not complete here.
func (s *Store) BlobPart(id BlobID, part uint32) ([]byte, error) {
	var out []byte
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(blobKey(id))
		if err != nil {
			return err
		}
		var size int64
		if err := item.Value(func(v []byte) error {
			size, err = readBlobHeader(v)
			return err
		}); err != nil {
			return err
		}
		if part >= BlobParts(size) {
			return fmt.Errorf("part %d of %d: %w", part, BlobParts(size), ErrBadBlob)
		}
		p, err := txn.Get(blobPartKey(id, part))
		if err != nil {
			return err
		}
		out, err = p.ValueCopy(nil)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNoBlob
	}
	if err != nil {
		return nil, fmt.Errorf("reading part %d of blob %s: %w", part, id, err)
	}
	return out, nil
}
