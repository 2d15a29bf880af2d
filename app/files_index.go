package app

import (
	"encoding/binary"
	"encoding/hex"
	"errors"

	"hoso/attach"
	"hoso/store"
)

// Which records name which files, for the files protocol: every
// projection whose records carry files (fileCarriers) indexes each file
// under fileIndexName with the key
//
//	address (64 lower-case hex digits) | size (uint64, big-endian)
//
// so that the files a node lacks are listed from the indexes alone, and
// the records naming a file are found by its address.

// fileIndexName is the index of the files a projection's records name.
const fileIndexName = "file"

// fileCarriers are the projections whose records name files.
var fileCarriers = []string{dossierProjID, planProgressID, complaintProjID}

// fileEntries indexes the files named by refs, once each.
func fileEntries(refs []attach.Ref) []store.IndexEntry {
	var out []store.IndexEntry
	seen := map[string]bool{}
	for _, r := range refs {
		if len(r.ID) != 64 || seen[r.ID] || r.Size <= 0 {
			continue
		}
		seen[r.ID] = true
		out = append(out, store.IndexEntry{Index: fileIndexName, Key: binary.BigEndian.AppendUint64([]byte(r.ID), uint64(r.Size))})
	}
	return out
}

// FileWant is a file the records here name and this node lacks.
type FileWant struct {
	ID   store.BlobID
	Size int64
}

// FileIndex answers the files protocol from the projections: the files a
// node lacks, and the records naming a file. Package node hands it to
// the syncer.
type FileIndex struct {
	st *store.Store
}

// NewFileIndex returns the file index of a store.
func NewFileIndex(st *store.Store) *FileIndex { return &FileIndex{st: st} }

// Wanted lists, at most limit, the files records here name that this
// node does not hold complete.
func (x *FileIndex) Wanted(limit int) ([]FileWant, error) {
	return x.list(limit, true)
}

// Named lists every file records here name, held or not.
func (x *FileIndex) Named() ([]FileWant, error) { return x.list(0, false) }

// list lists the files records name, only those not held when missing,
// at most limit (0: all).
func (x *FileIndex) list(limit int, missing bool) ([]FileWant, error) {
	var out []FileWant
	seen := map[store.BlobID]bool{}
	for _, proj := range fileCarriers {
		hits, err := x.st.Scan(proj, fileIndexName, store.ScanOptions{})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if len(h.Key) != 72 {
				continue
			}
			id, err := store.ParseBlobID(string(h.Key[:64]))
			if err != nil || seen[id] {
				continue
			}
			seen[id] = true
			if _, err := x.st.BlobSize(id); missing && !errors.Is(err, store.ErrNoBlob) {
				continue
			}
			out = append(out, FileWant{ID: id, Size: int64(binary.BigEndian.Uint64(h.Key[64:]))})
			if limit > 0 && len(out) >= limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// Subjects lists the subjects of the records naming a file.
func (x *FileIndex) Subjects(id store.BlobID) ([]string, error) {
	var out []string
	prefix := []byte(hex.EncodeToString(id[:]))
	for _, proj := range fileCarriers {
		hits, err := x.st.Scan(proj, fileIndexName, store.ScanOptions{Prefix: prefix})
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			out = append(out, h.Subject)
		}
	}
	return out, nil
}
