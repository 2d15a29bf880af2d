package fileproto

import (
	"fmt"

	"hoso/p2p/syncproto"
	"hoso/store"
)

// ID is the protocol's libp2p name; the major version changes on a
// breaking change.
const ID = "/hoso/files/1.0.0"

// Message types: the byte after a frame's length (doc.go).
const (
	MsgHello byte = 1 + iota
	MsgWant
	MsgPart
	MsgDone
	MsgNone
	MsgFail
)

// Want asks for a file from one of its parts on.
type Want struct {
	ID   store.BlobID
	Size int64
	From uint32
}

// Part is one part of a file.
type Part struct {
	ID   store.BlobID
	Part uint32
	Data []byte
}

func appendID(b []byte, id store.BlobID) []byte { return append(b, id[:]...) }

// readID reads a file's address at the start of a payload and returns a
// decoder of the rest.
func readID(b []byte, what string) (store.BlobID, *syncproto.Decoder, error) {
	var id store.BlobID
	if len(b) < len(id) {
		return id, nil, fmt.Errorf("%w: %s: short address", syncproto.ErrProtocol, what)
	}
	copy(id[:], b)
	return id, syncproto.NewDecoder(b[len(id):]), nil
}

// EncodeHello is a Hello's payload: the client's chain, or none.
func EncodeHello(chain []byte) []byte {
	return append(syncproto.EncodeUint(uint64(len(chain))), chain...)
}

// DecodeHello reads a Hello's payload.
func DecodeHello(b []byte) ([]byte, error) {
	d := syncproto.NewDecoder(b)
	chain := d.Bytes("hello chain", syncproto.MaxChain)
	return chain, d.End()
}

// EncodeWant is a Want's payload.
func EncodeWant(w Want) []byte {
	b := appendID(nil, w.ID)
	b = append(b, syncproto.EncodeUint(uint64(w.Size))...)
	return append(b, syncproto.EncodeUint(uint64(w.From))...)
}

// DecodeWant reads a Want's payload; a size above store.MaxBlobSize or a
// first part past the file's end is refused.
func DecodeWant(b []byte) (Want, error) {
	id, d, err := readID(b, "want")
	if err != nil {
		return Want{}, err
	}
	size := d.Uvarint("want size")
	from := d.Uvarint("want from")
	if err := d.End(); err != nil {
		return Want{}, err
	}
	if size == 0 || size > store.MaxBlobSize || from >= uint64(store.BlobParts(int64(size))) {
		return Want{}, fmt.Errorf("%w: want of part %d of %d bytes", syncproto.ErrProtocol, from, size)
	}
	return Want{ID: id, Size: int64(size), From: uint32(from)}, nil
}

// EncodePart is a Part's payload.
func EncodePart(p Part) []byte {
	b := appendID(make([]byte, 0, 32+12+len(p.Data)), p.ID)
	b = append(b, syncproto.EncodeUint(uint64(p.Part))...)
	b = append(b, syncproto.EncodeUint(uint64(len(p.Data)))...)
	return append(b, p.Data...)
}

// DecodePart reads a Part's payload; the data aliases b.
func DecodePart(b []byte) (Part, error) {
	id, d, err := readID(b, "part")
	if err != nil {
		return Part{}, err
	}
	n := d.Uvarint("part number")
	data := d.Bytes("part data", store.BlobPartSize)
	if err := d.End(); err != nil {
		return Part{}, err
	}
	if n >= uint64(store.BlobParts(store.MaxBlobSize)) || len(data) == 0 {
		return Part{}, fmt.Errorf("%w: part %d of %d bytes", syncproto.ErrProtocol, n, len(data))
	}
	return Part{ID: id, Part: uint32(n), Data: data}, nil
}

// EncodeID is a Done's or a None's payload.
func EncodeID(id store.BlobID) []byte { return appendID(nil, id) }

// DecodeID reads a Done's or a None's payload.
func DecodeID(b []byte) (store.BlobID, error) {
	id, d, err := readID(b, "address")
	if err != nil {
		return id, err
	}
	return id, d.End()
}
