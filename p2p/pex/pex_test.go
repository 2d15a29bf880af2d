package pex

import (
	"bytes"
	"errors"
	"testing"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"hoso/p2p/syncproto"
)

// newID is a fresh Ed25519 peer ID.
func newID(t testing.TB) peer.ID {
	t.Helper()
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	id, err := peer.IDFromPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// sample is a valid reply of two peers.
func sample(t testing.TB) []byte {
	id1, id2 := newID(t), newID(t)
	return Encode([]peer.AddrInfo{
		{ID: id1, Addrs: []ma.Multiaddr{ma.StringCast("/ip4/10.0.0.1/tcp/4001"), ma.StringCast("/p2p/" + id2.String() + "/p2p-circuit")}},
		{ID: id2},
	})
}

func TestWireBounds(t *testing.T) {
	b := sample(t)
	list, err := Decode(b)
	if err != nil || len(list) != 2 || len(list[0].Addrs) != 2 {
		t.Fatalf("round trip: %v, %v", list, err)
	}
	if !bytes.Equal(Encode(list), b) {
		t.Error("the reply does not encode back to itself")
	}
	// More than the bounds: the encoder trims to them.
	var many []peer.AddrInfo
	for range MaxListed + 10 {
		info := peer.AddrInfo{ID: newID(t)}
		for range MaxAddrs + 4 {
			info.Addrs = append(info.Addrs, ma.StringCast("/dns4/a-rather-long-name-of-a-commune-office.example.vn/tcp/4001"))
		}
		many = append(many, info)
	}
	big := Encode(many)
	list, err = Decode(big)
	if err != nil || len(list) != MaxListed || len(list[0].Addrs) != MaxAddrs || len(big) > MaxReply {
		t.Fatalf("trimmed reply of %d bytes: %d peers, %v", len(big), len(list), err)
	}
	// Malformed replies are refused.
	bad := map[string][]byte{
		"empty":    nil,
		"version":  append([]byte{2}, b[1:]...),
		"short":    b[:len(b)-1],
		"trailing": append(append([]byte(nil), b...), 0),
		"count":    {Version, 0, 1, MaxListed + 1},
	}
	for name, raw := range bad {
		if _, err := Decode(raw); !errors.Is(err, syncproto.ErrProtocol) {
			t.Errorf("%s: %v, want ErrProtocol", name, err)
		}
	}
	if _, _, err := Read(bytes.NewReader(big[:len(big)-1])); err == nil {
		t.Error("a cut reply was read")
	}
	if got, n, err := Read(bytes.NewReader(b)); err != nil || n != len(b) || len(got) != 2 {
		t.Errorf("Read: %d peers, %d bytes, %v", len(got), n, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(sample(f))
	f.Add(Encode(nil))
	f.Add([]byte{Version, 0, 1, 1, 0})
	f.Add([]byte{Version, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := Decode(b)
		if err != nil {
			return
		}
		if len(list) > MaxListed {
			t.Fatalf("%d peers decoded", len(list))
		}
		for _, info := range list {
			if len(info.Addrs) > MaxAddrs || info.ID.Validate() != nil {
				t.Fatalf("decoded %v", info)
			}
		}
		// A decoded list encodes to a reply that decodes the same.
		again, err := Decode(Encode(list))
		if err != nil || len(again) != len(list) {
			t.Fatalf("re-encoding %v: %v", list, err)
		}
	})
}
