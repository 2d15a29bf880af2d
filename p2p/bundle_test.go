package p2p

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"

	hsb "hoso/p2p/bundle"
	"hoso/p2p/syncproto"
	"hoso/trust"
)

func TestBundles(t *testing.T) {
	t.Parallel()
	pv := newProvince(t)
	for range 5 {
		write(t, pv.a, "dossier/A1", "dossier.step", "38001")
	}
	write(t, pv.a, "dossier/A2", "dossier.transferred", "38001", "38002")

	var buf bytes.Buffer
	st, err := pv.a.sync.ExportBundle(&buf, pv.d.id, true)
	if err != nil || st.Events < 6 {
		t.Fatalf("export: %+v %v", st, err)
	}
	bundle := buf.Bytes()

	// Tampered, truncated or foreign bundles are refused whole.
	tampered := bytes.Clone(bundle)
	tampered[len(tampered)/2] ^= 0x40
	k, lk := newKey(t)
	other, _ := trust.NewRoot(k, "39", testNow, 1)
	foreign := startNode(t, "another province", k, lk, &Enrolment{Root: k.Public().(ed25519.PublicKey), Chain: trust.Chain{other}})
	write(t, foreign, "dossier/X", "dossier.step", "39")
	var fb bytes.Buffer
	if _, err := foreign.sync.ExportBundle(&fb, foreign.id, false); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"tampered": tampered, "truncated": bundle[:len(bundle)-9], "foreign": fb.Bytes(),
		"not a bundle": []byte("PK\x03\x04 a zip file"), "extra bytes": append(bytes.Clone(bundle), 0),
	} {
		if _, err := pv.d.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, hsb.ErrRefused) {
			t.Errorf("%s: got %v", name, err)
		}
		if count(t, pv.d, "dossier/A1") != 0 {
			t.Fatalf("%s: part of a refused bundle was imported", name)
		}
	}

	got, err := pv.d.sync.ImportBundle(bytes.NewReader(bundle))
	if err != nil || got.Added != 6 || count(t, pv.d, "dossier/A1") != 5 {
		t.Fatalf("import: %+v %v", got, err)
	}
	again, err := pv.d.sync.ImportBundle(bytes.NewReader(bundle))
	if err != nil || again.Added != 0 {
		t.Errorf("a second import added %d (%v)", again.Added, err)
	}
	// The district's bundle of everything it holds is sealed to the
	// district and the province: commune B cannot open it. A bundle the
	// district writes for B holds what B may see (the dossier transferred
	// to it), never A's own dossier.
	buf.Reset()
	if _, err := pv.d.sync.ExportBundle(&buf, pv.d.id, false); err != nil {
		t.Fatal(err)
	}
	if _, err := pv.b.sync.ImportBundle(bytes.NewReader(buf.Bytes())); !errors.Is(err, hsb.ErrNotAddressed) {
		t.Fatalf("commune B opened the district's bundle of everything: %v", err)
	}
	buf.Reset()
	if _, err := pv.d.sync.ExportBundle(&buf, pv.b.id, false); err != nil {
		t.Fatal(err)
	}
	if _, err := pv.b.sync.ImportBundle(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if count(t, pv.b, "dossier/A1") != 0 || count(t, pv.b, "dossier/A2") != 1 {
		t.Errorf("commune B holds %d of A1 and %d of A2", count(t, pv.b, "dossier/A1"), count(t, pv.b, "dossier/A2"))
	}
}

func FuzzDecodeFrames(f *testing.F) {
	k, _ := newKey(f)
	root, _ := trust.NewRoot(k, "38", testNow, 1)
	var buf bytes.Buffer
	fw := syncproto.NewWriter(&buf)
	_ = fw.Frame(syncproto.MsgHello, syncproto.EncodeHello(syncproto.Hello{Chain: trust.Chain{root}.Encode(), Token: 3, Changed: []syncproto.Mark{{Seq: 2}}}))
	_ = fw.Frame(syncproto.MsgMarks, syncproto.EncodeMarks([]syncproto.Mark{{Seq: 9}}))
	_ = fw.Frame(syncproto.MsgBatch, syncproto.EncodeBatch(syncproto.Batch{No: 1, Vouch: []syncproto.Mark{{Seq: 4}}, Certs: [][]byte{trust.Chain{root}.Encode()}}))
	_ = fw.Frame(syncproto.MsgAck, syncproto.EncodeUint(1))
	_ = fw.Frame(syncproto.MsgFail, syncproto.EncodeFail(syncproto.Fail{Code: "refused", Message: "no"}))
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		fr := syncproto.NewReader(bytes.NewReader(b))
		for range 8 {
			typ, payload, err := fr.Next()
			if err != nil {
				return
			}
			switch typ {
			case syncproto.MsgHello:
				if h, err := syncproto.DecodeHello(payload); err == nil && !bytes.Equal(syncproto.EncodeHello(h), payload) {
					t.Fatal("a hello does not re-encode to its bytes")
				}
			case syncproto.MsgMarks:
				_, _ = syncproto.DecodeMarks(payload)
			case syncproto.MsgBatch:
				_, _ = syncproto.DecodeBatch(payload)
			case syncproto.MsgFail:
				_, _ = syncproto.DecodeFail(payload)
			default:
				_, _ = syncproto.DecodeUint(payload)
			}
		}
	})
}
