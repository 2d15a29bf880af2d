package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"hoso/store"
)

// signedEvents writes n events to an in-memory store and returns them.
func signedEvents(t *testing.T, n int) []*store.Event {
	t.Helper()
	_, key, _ := ed25519.GenerateKey(nil)
	st, err := store.Open(store.Options{InMemory: true, Signer: key})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	drafts := make([]store.Draft, n)
	for i := range drafts {
		drafts[i] = store.Draft{Actor: "u", Owner: "38001", Kind: "dossier.step", Subject: fmt.Sprintf("dossier/%d", i), Body: []byte(`{"n":1}`)}
	}
	evs, err := st.AppendBatch(drafts)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// TestPipeExchange runs one whole pull over net.Pipe, no libp2p: hello,
// hello, marks, two acknowledged batches of real events, end; each side a
// Conn with its read deadline.
func TestPipeExchange(t *testing.T) {
	evs := signedEvents(t, 30)
	o := evs[0].Origin
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()

	served := make(chan error, 1)
	go func() {
		served <- func() error {
			c := NewConn(server, 5*time.Second)
			typ, payload, err := c.Next()
			if err != nil || typ != MsgHello {
				return fmt.Errorf("hello: %d %v", typ, err)
			}
			h, err := DecodeHello(payload)
			if err != nil || h.Count != 12 {
				return fmt.Errorf("hello: %+v %v", h, err)
			}
			if err := c.Frame(MsgHello, EncodeHello(Hello{Token: 30, Changed: []Mark{{Origin: o, Seq: 30}}})); err != nil {
				return err
			}
			typ, payload, err = c.Next()
			if err != nil || typ != MsgMarks {
				return fmt.Errorf("marks: %d %v", typ, err)
			}
			if ms, err := DecodeMarks(payload); err != nil || len(ms) != 1 || ms[0].Seq != 0 {
				return fmt.Errorf("marks: %v %v", ms, err)
			}
			for no, part := range [][]*store.Event{evs[:20], evs[20:]} {
				if err := c.Frame(MsgBatch, EncodeBatch(Batch{No: uint64(no + 1), Vouch: []Mark{{Origin: o, Seq: part[len(part)-1].Seq}}, Events: part})); err != nil {
					return err
				}
				typ, payload, err := c.Next()
				if err != nil || typ != MsgAck {
					return fmt.Errorf("ack: %d %v", typ, err)
				}
				if n, err := DecodeUint(payload); err != nil || n != uint64(no+1) {
					return fmt.Errorf("ack %d for batch %d: %v", n, no+1, err)
				}
			}
			return c.Frame(MsgEnd, EncodeUint(30))
		}()
	}()

	c := NewConn(client, 5*time.Second)
	if err := c.Frame(MsgHello, EncodeHello(Hello{Token: 0, Count: 12})); err != nil {
		t.Fatal(err)
	}
	typ, payload, err := c.Next()
	if err != nil || typ != MsgHello {
		t.Fatalf("hello: %d %v", typ, err)
	}
	h, err := DecodeHello(payload)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Frame(MsgMarks, EncodeMarks([]Mark{{Origin: h.Changed[0].Origin}})); err != nil {
		t.Fatal(err)
	}
	var got []*store.Event
	for {
		typ, payload, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		if typ == MsgEnd {
			break
		}
		bt, err := DecodeBatch(payload)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, bt.Events...)
		if err := c.Frame(MsgAck, EncodeUint(bt.No)); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if len(got) != len(evs) {
		t.Fatalf("got %d events, want %d", len(got), len(evs))
	}
	for i := range evs {
		if !bytes.Equal(got[i].Raw(), evs[i].Raw()) {
			t.Fatalf("event %d differs", i)
		}
	}
	if c.Sent() == 0 || c.Received() <= c.Sent() {
		t.Errorf("figures: sent %d, received %d", c.Sent(), c.Received())
	}
}

// TestSilentPeer: a peer that says nothing is dropped at the read
// deadline, with a timeout error, not waited for forever.
func TestSilentPeer(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	c := NewConn(client, 50*time.Millisecond)
	start := time.Now()
	_, _, err := c.Next()
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("dropped after %v", d)
	}
}

// TestFailEndsTheStream: Conn.Fail sends the code and the error's text and
// returns the error.
func TestFailEndsTheStream(t *testing.T) {
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	want := errors.New("not enrolled here")
	go func() { _ = NewConn(server, time.Second).Fail("untrusted", want) }()
	typ, payload, err := NewConn(client, time.Second).Next()
	if err != nil || typ != MsgFail {
		t.Fatalf("%d %v", typ, err)
	}
	f, err := DecodeFail(payload)
	if err != nil || f != (Fail{Code: "untrusted", Message: want.Error()}) {
		t.Fatalf("%+v %v", f, err)
	}
}
