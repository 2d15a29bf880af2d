// Package pex is the peer exchange, /hoso/peers/1.0.0: a device asks a hub
// which of the hub's peers it may sync with directly (the other desks of
// its office and the hubs above it), so that two desks that know only
// their hub's address find each other. Package p2p serves and asks it
// (p2p/peers.go); this package is its wire, byte by byte:
//
//	request   version (1 byte, 0x01)
//	reply     version (0x01) | uint16 L, big-endian | body (L bytes)
//	body      count (1 byte, ≤ MaxListed = 64) | count × peer
//	peer      id length (1 byte, 1…64) | peer ID (libp2p's bytes) |
//	          address count (1 byte, ≤ MaxAddrs = 8) |
//	          address count × (uint16 length, big-endian (1…512) | multiaddr bytes)
//
// The whole reply is at most MaxReply (64 KiB) and is read whole. A reader
// refuses, with syncproto.ErrProtocol, a wrong version, a length that does
// not match, too many peers or addresses, a bad peer ID or multiaddr, a
// peer listed twice, an address naming another peer (an address may end
// in /p2p/ with the listed peer's own ID, which is dropped), or trailing
// bytes. Anything else resets the stream. The major version of ID changes
// on a breaking change.
package pex

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/syncproto"
)

// ID is the peer exchange's libp2p name.
const ID = "/hoso/peers/1.0.0"

// Limits: the reply is read whole, so every part is bounded.
const (
	// Version is the request's byte and the reply's first.
	Version byte = 1
	// MaxReply bounds the reply frame, header included.
	MaxReply = 64 << 10
	// MaxListed bounds the peers one reply lists.
	MaxListed = 64
	// MaxAddrs bounds the addresses of one peer.
	MaxAddrs = 8
	// MaxIDLen bounds a peer ID (an Ed25519 one is 38 bytes).
	MaxIDLen = 64
	// MaxAddrLen bounds one multiaddr.
	MaxAddrLen = 512
	// header is the version and the length.
	header = 3
)

// Encode writes the reply frame. It lists at most MaxListed peers with at
// most MaxAddrs addresses each, and stops before a peer would take the
// frame past MaxReply.
func Encode(list []peer.AddrInfo) []byte {
	body := []byte{0}
	n := 0
	for _, info := range list {
		if n == MaxListed {
			break
		}
		id := []byte(info.ID)
		if len(id) == 0 || len(id) > MaxIDLen {
			continue
		}
		entry := append([]byte{byte(len(id))}, id...)
		var addrs [][]byte
		for _, a := range info.Addrs {
			if b := a.Bytes(); len(b) > 0 && len(b) <= MaxAddrLen && len(addrs) < MaxAddrs {
				addrs = append(addrs, b)
			}
		}
		entry = append(entry, byte(len(addrs)))
		for _, b := range addrs {
			entry = binary.BigEndian.AppendUint16(entry, uint16(len(b)))
			entry = append(entry, b...)
		}
		if header+len(body)+len(entry) > MaxReply {
			break
		}
		body = append(body, entry...)
		n++
	}
	body[0] = byte(n)
	out := make([]byte, 0, header+len(body))
	out = append(out, Version)
	out = binary.BigEndian.AppendUint16(out, uint16(len(body)))
	return append(out, body...)
}

// Decode reads a reply frame, refusing anything out of bounds or
// malformed (see the package doc).
func Decode(b []byte) ([]peer.AddrInfo, error) {
	bad := func(what string) ([]peer.AddrInfo, error) {
		return nil, fmt.Errorf("%w: peer list: %s", syncproto.ErrProtocol, what)
	}
	if len(b) < header+1 || len(b) > MaxReply {
		return bad(fmt.Sprintf("frame of %d bytes", len(b)))
	}
	if b[0] != Version {
		return bad(fmt.Sprintf("version %d", b[0]))
	}
	if int(binary.BigEndian.Uint16(b[1:3])) != len(b)-header {
		return bad("length does not match the frame")
	}
	r := bytes.NewReader(b[header:])
	count, _ := r.ReadByte()
	if count > MaxListed {
		return bad(fmt.Sprintf("%d peers", count))
	}
	out := make([]peer.AddrInfo, 0, count)
	seen := map[peer.ID]bool{}
	for range count {
		n, err := r.ReadByte()
		if err != nil || n == 0 || n > MaxIDLen || int(n) > r.Len() {
			return bad("peer ID length")
		}
		raw := make([]byte, n)
		_, _ = r.Read(raw)
		id, err := peer.IDFromBytes(raw)
		if err != nil || seen[id] {
			return bad("peer ID")
		}
		seen[id] = true
		na, err := r.ReadByte()
		if err != nil || na > MaxAddrs {
			return bad("address count")
		}
		info := peer.AddrInfo{ID: id}
		for range na {
			if r.Len() < 2 {
				return bad("address length")
			}
			var l [2]byte
			_, _ = r.Read(l[:])
			al := int(binary.BigEndian.Uint16(l[:]))
			if al == 0 || al > MaxAddrLen || al > r.Len() {
				return bad("address length")
			}
			ab := make([]byte, al)
			_, _ = r.Read(ab)
			a, err := ma.NewMultiaddrBytes(ab)
			if err != nil {
				return bad("address")
			}
			// An address may end with the peer's own ID, never another's.
			if _, last := ma.SplitLast(a); last != nil && last.Protocol().Code == ma.P_P2P {
				if last.Value() != id.String() {
					return bad("address of another peer")
				}
				a, _ = ma.SplitLast(a)
				if len(a) == 0 {
					continue
				}
			}
			info.Addrs = append(info.Addrs, a)
		}
		out = append(out, info)
	}
	if r.Len() != 0 {
		return bad("trailing bytes")
	}
	return out, nil
}

// Read reads one reply frame, never more than MaxReply bytes, and returns
// the peers and the frame's size.
func Read(r io.Reader) ([]peer.AddrInfo, int, error) {
	frame := make([]byte, header, MaxReply)
	if _, err := io.ReadFull(r, frame); err != nil {
		return nil, 0, err
	}
	if frame[0] != Version {
		return nil, len(frame), fmt.Errorf("%w: peer list: version %d", syncproto.ErrProtocol, frame[0])
	}
	n := int(binary.BigEndian.Uint16(frame[1:3]))
	if header+n > MaxReply {
		return nil, len(frame), fmt.Errorf("%w: peer list of %d bytes", syncproto.ErrProtocol, n)
	}
	frame = frame[:header+n]
	if _, err := io.ReadFull(r, frame[header:]); err != nil {
		return nil, len(frame), err
	}
	list, err := Decode(frame)
	return list, len(frame), err
}
