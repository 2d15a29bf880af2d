package bundle

import (
	"bytes"
	"errors"
	"testing"

	"hoso/p2p/fileproto"
	"hoso/store"
)

// TestFileReaderRefusesAFileThatDoesNotMatch feeds the reader of a
// bundle's files good and bad sequences: only a whole file whose parts
// hash to its address passes.
func TestFileReaderRefusesAFileThatDoesNotMatch(t *testing.T) {
	data := bytes.Repeat([]byte("x"), store.BlobPartSize+10)
	id := store.BlobOf(data)
	header := fileproto.EncodeWant(fileproto.Want{ID: id, Size: int64(len(data))})
	part := func(n uint32, b []byte) []byte { return fileproto.EncodePart(fileproto.Part{ID: id, Part: n, Data: b}) }
	good := [][]byte{part(0, data[:store.BlobPartSize]), part(1, data[store.BlobPartSize:])}
	bad := bytes.Clone(data)
	bad[5] = 'y'
	cases := map[string]struct {
		parts [][]byte
		ok    bool
	}{
		"whole":           {good, true},
		"a part missing":  {good[:1], false},
		"parts swapped":   {[][]byte{good[1], good[0]}, false},
		"a part altered":  {[][]byte{part(0, bad[:store.BlobPartSize]), good[1]}, false},
		"a part too long": {[][]byte{part(0, data[:store.BlobPartSize]), part(1, append(data[store.BlobPartSize:], 'z'))}, false},
	}
	for name, c := range cases {
		fr := &fileReader{}
		err := fr.header(header)
		for _, p := range c.parts {
			if err == nil {
				err = fr.add(p)
			}
		}
		if err == nil {
			err = fr.end()
		}
		if c.ok != (err == nil) || !c.ok && !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v", name, err)
		}
		if c.ok && (len(fr.files) != 1 || fr.files[0].ID != id) {
			t.Errorf("%s: files %v", name, fr.files)
		}
	}
}
