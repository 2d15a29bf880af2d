package store

import (
	"bytes"
	"encoding/binary"
)

// Pos is an event's place in its subject's fold order: by clock, then
// origin, then sequence. Every node orders the same events the same way.
type Pos struct {
	HLC    HLC
	Origin Origin
	Seq    uint64
}

// posLen is the size of an encoded Pos.
const posLen = 8 + OriginLen + 8

// Compare orders positions; it returns -1, 0 or +1.
func (p Pos) Compare(q Pos) int {
	switch {
	case p.HLC < q.HLC:
		return -1
	case p.HLC > q.HLC:
		return 1
	}
	if c := bytes.Compare(p.Origin[:], q.Origin[:]); c != 0 {
		return c
	}
	switch {
	case p.Seq < q.Seq:
		return -1
	case p.Seq > q.Seq:
		return 1
	}
	return 0
}

// appendPos appends the big-endian encoding, whose byte order is Compare's.
func appendPos(b []byte, p Pos) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(p.HLC))
	b = append(b, p.Origin[:]...)
	return binary.BigEndian.AppendUint64(b, p.Seq)
}

// readPos decodes appendPos's output.
func readPos(b []byte) Pos {
	var p Pos
	p.HLC = HLC(binary.BigEndian.Uint64(b))
	copy(p.Origin[:], b[8:8+OriginLen])
	p.Seq = binary.BigEndian.Uint64(b[8+OriginLen:])
	return p
}
