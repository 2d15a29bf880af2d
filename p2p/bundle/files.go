package bundle

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"

	"hoso/p2p/fileproto"
	"hoso/p2p/syncproto"
	"hoso/store"
)

// A bundle may carry the files its records name (scans, evidence), when
// the writer asks for them: after the batches and before the end, each
// file is a header frame then its parts, in order —
//
//	0x10  File      fileproto Want's payload: id (32) | uvarint size | uvarint 0
//	0x11  FilePart  fileproto Part's payload: id (32) | uvarint part | bytes data
//
// — the same encodings as the files protocol. A reader checks each file
// whole against its address while it verifies the bundle, so a bundle
// with a damaged file is refused before anything is stored. A reader from
// before files refuses a bundle that carries them; one without files is
// the bundle it always was.
const (
	msgFile     byte = 0x10
	msgFilePart byte = 0x11
)

// MaxFileBytes bounds the files one bundle carries: the rest are left
// for the next bundle or for sync, and counted in Stats.FilesLeft.
const MaxFileBytes = 512 << 20

// FileSource names the files the records of a node carry.
type FileSource interface {
	// Named lists every file records here name: address and size.
	Named() ([]fileproto.Want, error)
	// Subjects lists the subjects of the records naming a file.
	Subjects(id store.BlobID) ([]string, error)
}

// pickFiles returns the files a bundle for scope sc carries: those held
// here whose records the recipient's office may see, up to MaxFileBytes;
// and how many it leaves out for the bound.
func pickFiles(st *store.Store, sc syncproto.Scope, src FileSource) ([]fileproto.Want, int, error) {
	named, err := src.Named()
	if err != nil {
		return nil, 0, fmt.Errorf("listing the files: %w", err)
	}
	var out []fileproto.Want
	var total int64
	left := 0
	for _, w := range named {
		if size, err := st.BlobSize(w.ID); err != nil || size != w.Size {
			continue // not here (yet): sync brings it later
		}
		subjects, err := src.Subjects(w.ID)
		if err != nil {
			return nil, 0, err
		}
		if ok, err := fileproto.Visible(st, sc, subjects); err != nil {
			return nil, 0, err
		} else if !ok {
			continue
		}
		if total+w.Size > MaxFileBytes {
			left++
			continue
		}
		total += w.Size
		out = append(out, w)
	}
	return out, left, nil
}

// writeFiles writes the files' frames.
func writeFiles(st *store.Store, fw *syncproto.Writer, files []fileproto.Want) (int64, error) {
	var n int64
	for _, w := range files {
		if err := fw.Frame(msgFile, fileproto.EncodeWant(fileproto.Want{ID: w.ID, Size: w.Size})); err != nil {
			return n, err
		}
		for p := uint32(0); p < store.BlobParts(w.Size); p++ {
			data, err := st.BlobPart(w.ID, p)
			if err != nil {
				return n, fmt.Errorf("reading part %d of %s: %w", p, w.ID, err)
			}
			if err := fw.Frame(msgFilePart, fileproto.EncodePart(fileproto.Part{ID: w.ID, Part: p, Data: data})); err != nil {
				return n, err
			}
			n += int64(len(data))
		}
	}
	return n, nil
}

// fileReader checks a bundle's files as their frames are read: in order,
// each part of the file announced, every file whole and matching its
// address. part, when set, is told each part once checked in place.
type fileReader struct {
	cur   *fileproto.Want
	next  uint32
	h     hash.Hash
	files []fileproto.Want
	part  func(w fileproto.Want, p fileproto.Part) error
}

var errBadFile = errors.New("a file does not match its address")

func (fr *fileReader) header(payload []byte) error {
	if err := fr.end(); err != nil {
		return err
	}
	w, err := fileproto.DecodeWant(payload)
	if err != nil || w.From != 0 {
		return fmt.Errorf("%w: a file's header is damaged", ErrRefused)
	}
	fr.cur, fr.next, fr.h = &w, 0, sha256.New()
	return nil
}

func (fr *fileReader) add(payload []byte) error {
	p, err := fileproto.DecodePart(payload)
	if err != nil || fr.cur == nil || p.ID != fr.cur.ID || p.Part != fr.next {
		return fmt.Errorf("%w: a file's part is out of place", ErrRefused)
	}
	want := int64(store.BlobPartSize)
	if p.Part == store.BlobParts(fr.cur.Size)-1 {
		want = fr.cur.Size - int64(p.Part)*store.BlobPartSize
	}
	if p.Part >= store.BlobParts(fr.cur.Size) || int64(len(p.Data)) != want {
		return fmt.Errorf("%w: a file's part has the wrong size", ErrRefused)
	}
	fr.h.Write(p.Data)
	fr.next++
	if fr.part != nil {
		return fr.part(*fr.cur, p)
	}
	return nil
}

// end closes the file being read: all its parts came and it matches.
func (fr *fileReader) end() error {
	if fr.cur == nil {
		return nil
	}
	w := *fr.cur
	fr.cur = nil
	if fr.next != store.BlobParts(w.Size) || store.BlobID(fr.h.Sum(nil)) != w.ID {
		return fmt.Errorf("%w: %w (%s)", ErrRefused, errBadFile, w.ID)
	}
	fr.files = append(fr.files, w)
	return nil
}
