package syncproto

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"hoso/store"
)

// golden is the byte form of one message of each type (goldenMessages),
// taken from the p2p package's encoder before the protocol moved here: the
// wire must not change without a new protocol version.
const golden = "300102c1c2ac02010102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f200780d095ffbc31ad022302010102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f200598010301010102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20070101ce010102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a00e28b52ffd040009000000682705db000204010305ad020c060772656675736564026e6f"

func testOrigin() store.Origin {
	var o store.Origin
	for i := range o {
		o[i] = byte(i + 1)
	}
	return o
}

// goldenMessages writes one message of each type: a hello, marks, a batch
// without events, an ack, an end and a fail.
func goldenMessages(fw *Writer) error {
	o := testOrigin()
	sig := store.BatchSig{Origin: o}
	for i := range sig.Sig {
		sig.Sig[i] = 0xA0
	}
	for _, m := range []struct {
		typ     byte
		payload []byte
	}{
		{MsgHello, EncodeHello(Hello{Chain: []byte{0xC1, 0xC2}, Token: 300, Changed: []Mark{{Origin: o, Seq: 7}}, Clock: 1700000000000, Count: 301})},
		{MsgMarks, EncodeMarks([]Mark{{Origin: o, Seq: 5}})},
		{MsgBatch, EncodeBatch(Batch{No: 1, Vouch: []Mark{{Origin: o, Seq: 7}}, Certs: [][]byte{{0xCE}}, Seals: []store.BatchSig{sig}})},
		{MsgAck, EncodeUint(1)},
		{MsgEnd, EncodeUint(301)},
		{MsgFail, EncodeFail(Fail{Code: "refused", Message: "no"})},
	} {
		if err := fw.Frame(m.typ, m.payload); err != nil {
			return err
		}
	}
	return nil
}

func TestGoldenBytes(t *testing.T) {
	var buf bytes.Buffer
	fw := NewWriter(&buf)
	if err := goldenMessages(fw); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(buf.Bytes()); got != golden {
		t.Fatalf("the wire changed:\n got %s\nwant %s", got, golden)
	}
	if fw.Sent() != int64(buf.Len()) {
		t.Errorf("Sent = %d, wrote %d", fw.Sent(), buf.Len())
	}
	// Every message reads back and re-encodes to the same bytes.
	fr := NewReader(bytes.NewReader(buf.Bytes()))
	var again bytes.Buffer
	fw2 := NewWriter(&again)
	for range 6 {
		typ, payload, err := fr.Next()
		if err != nil {
			t.Fatal(err)
		}
		var re []byte
		switch typ {
		case MsgHello:
			h, err := DecodeHello(payload)
			if err != nil {
				t.Fatal(err)
			}
			re = EncodeHello(h)
		case MsgMarks:
			ms, err := DecodeMarks(payload)
			if err != nil {
				t.Fatal(err)
			}
			re = EncodeMarks(ms)
		case MsgBatch:
			bt, err := DecodeBatch(payload)
			if err != nil {
				t.Fatal(err)
			}
			re = EncodeBatch(bt)
		case MsgAck, MsgEnd:
			n, err := DecodeUint(payload)
			if err != nil {
				t.Fatal(err)
			}
			re = EncodeUint(n)
		case MsgFail:
			f, err := DecodeFail(payload)
			if err != nil {
				t.Fatal(err)
			}
			re = EncodeFail(f)
		}
		if err := fw2.Frame(typ, re); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("decoding and encoding again changed the bytes")
	}
	if fr.Received() != int64(buf.Len()) {
		t.Errorf("Received = %d, read %d", fr.Received(), buf.Len())
	}
}

// TestRefusals: each limit and malformation the doc lists is refused with
// ErrProtocol.
func TestRefusals(t *testing.T) {
	long := append(EncodeUint(MaxFrame+1), MsgHello)
	fr := NewReader(bytes.NewReader(long))
	if _, _, err := fr.Next(); !errors.Is(err, ErrProtocol) {
		t.Errorf("oversized frame: %v", err)
	}
	if _, _, err := NewReader(bytes.NewReader([]byte{0})).Next(); !errors.Is(err, ErrProtocol) {
		t.Errorf("empty frame: %v", err)
	}
	if err := NewWriter(&bytes.Buffer{}).Frame(MsgBatch, make([]byte, MaxFrame)); !errors.Is(err, ErrProtocol) {
		t.Errorf("writing an oversized frame: %v", err)
	}
	for name, b := range map[string][]byte{
		"non-minimal uvarint": {0x80, 0x00},
		"trailing byte":       {0x01, 0x01},
		"truncated":           {},
	} {
		if _, err := DecodeUint(b); !errors.Is(err, ErrProtocol) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := DecodeHello(append(EncodeUint(MaxChain+1), make([]byte, MaxChain+1)...)); !errors.Is(err, ErrProtocol) {
		t.Errorf("oversized chain: %v", err)
	}
	if _, err := DecodeMarks(EncodeUint(MaxMarks + 1)); !errors.Is(err, ErrProtocol) {
		t.Errorf("too many marks: %v", err)
	}
	// A batch claiming an event whose signature is missing.
	var e enc
	e.uvarint(1)
	e.marks(nil)
	e.uvarint(0)
	e.uvarint(0)
	e.bytes(Compress([]byte{1, 0}))
	e.bytes(nil)
	if _, err := DecodeBatch(e.b); !errors.Is(err, ErrProtocol) {
		t.Errorf("batch without signatures: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	_ = goldenMessages(NewWriter(&buf))
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		fr := NewReader(bytes.NewReader(b))
		for {
			typ, payload, err := fr.Next()
			if err != nil {
				return
			}
			switch typ {
			case MsgHello:
				if h, err := DecodeHello(payload); err == nil && !bytes.Equal(EncodeHello(h), payload) {
					t.Fatal("hello does not round-trip")
				}
			case MsgMarks:
				if ms, err := DecodeMarks(payload); err == nil && !bytes.Equal(EncodeMarks(ms), payload) {
					t.Fatal("marks do not round-trip")
				}
			case MsgBatch:
				_, _ = DecodeBatch(payload)
			case MsgFail:
				if fl, err := DecodeFail(payload); err == nil && !bytes.Equal(EncodeFail(fl), payload) {
					t.Fatal("fail does not round-trip")
				}
			default:
				_, _ = DecodeUint(payload)
			}
		}
	})
}
