package p2p

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	hsb "hoso/p2p/bundle"
	"hoso/store"
	"hoso/trust"
)

// The sealed format's constants, as package bundle writes them.
const (
	plainMagic      = "HSBUNDLE1\n"
	recipientBucket = 8
)

// citizen is personal data a bundle carries: it must never show in the
// file.
const (
	citizenName = "Nguyễn Thị Hồng Nhung"
	citizenID   = "038190012345"
)

// sealedProvince is the test province with commune A's records (a citizen
// named in them) and two more devices of the district: a desk A learnt of
// through the trust records, and a desk the district revoked.
type sealedProvince struct {
	*province
	desk, revoked *node
}

func newSealedProvince(t *testing.T) *sealedProvince {
	t.Helper()
	pv := &sealedProvince{province: newProvince(t)}
	desk := func(name string) *node {
		k, lk := newKey(t)
		ch, err := trust.Issue(pv.d.key, pv.d.en.Chain, k.Public().(ed25519.PublicKey), "38/405", trust.RoleDesk, testNow, 30)
		if err != nil {
			t.Fatal(err)
		}
		n := startNode(t, name, k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
		if err := RecordCertificate(pv.d.st, "admin", "405", ch); err != nil {
			t.Fatal(err)
		}
		return n
	}
	pv.desk, pv.revoked = desk("district desk"), desk("revoked district desk")
	if err := RecordRevocation(pv.d.st, "admin", pv.d.en.Chain, pv.revoked.id); err != nil {
		t.Fatal(err)
	}
	// A learns the district's devices from the trust records.
	link(t, pv.a, pv.d)
	pull(t, pv.a, pv.d)
	for i := range 3 {
		body := `{"applicant":"` + citizenName + `","idNumber":"` + citizenID + `","address":"Xóm 3, xã Cẩm Bình","step":` + string(rune('1'+i)) + `}`
		if _, err := pv.a.st.Append(store.Draft{Actor: "u", Owner: "38001", Kind: "dossier.step", Subject: "dossier/A1", Body: []byte(body)}); err != nil {
			t.Fatal(err)
		}
	}
	return pv
}

// export writes a bundle of n for peer to ("" for its own office).
func export(t *testing.T, n *node, to *node) []byte {
	t.Helper()
	var buf bytes.Buffer
	id := n.id
	if to != nil {
		id = to.id
	}
	if _, err := n.sync.ExportBundle(&buf, id, false); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSealedBundleReachesTheOfficesAboveOnly(t *testing.T) {
	t.Parallel()
	pv := newSealedProvince(t)
	bundle := export(t, pv.a, nil)
	// The district's devices (the one in A's chain, a desk known from the
	// trust records) and the province open it with their own keys.
	for _, n := range []*node{pv.d, pv.desk, pv.p, pv.a} {
		got, err := n.sync.ImportBundle(bytes.NewReader(bundle))
		if err != nil {
			t.Fatalf("%s: %v", n.name, err)
		}
		if count(t, n, "dossier/A1") != 3 || got.Bytes != int64(len(bundle)) {
			t.Errorf("%s holds %d events of the dossier (%+v)", n.name, count(t, n, "dossier/A1"), got)
		}
	}
	// A sibling commune and a revoked desk of the district cannot.
	for _, n := range []*node{pv.b, pv.revoked} {
		if _, err := n.sync.ImportBundle(bytes.NewReader(bundle)); !errors.Is(err, hsb.ErrNotAddressed) || !errors.Is(err, hsb.ErrRefused) {
			t.Errorf("%s: got %v, want the bundle refused as not for it", n.name, err)
		}
		if count(t, n, "dossier/A1") != 0 {
			t.Errorf("%s holds the dossier", n.name)
		}
	}
	// Nor can a commune of the province outside the tree the bundle is
	// for, whatever its place (here: a commune of district 406).
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.p.key, pv.p.en.Chain, k.Public().(ed25519.PublicKey), "38/406", trust.RoleDistrict, testNow, 30)
	if err != nil {
		t.Fatal(err)
	}
	other := startNode(t, "district 406", k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
	if _, err := other.sync.ImportBundle(bytes.NewReader(bundle)); !errors.Is(err, hsb.ErrNotAddressed) {
		t.Errorf("district 406: got %v", err)
	}
	// A bundle the district writes for commune B opens at B.
	b := export(t, pv.d, pv.b)
	if _, err := pv.b.sync.ImportBundle(bytes.NewReader(b)); err != nil {
		t.Errorf("commune B cannot open the district's bundle for it: %v", err)
	}
	if _, err := pv.a.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, hsb.ErrNotAddressed) {
		t.Errorf("commune A opened the district's bundle for B: %v", err)
	}
}

// zstdFrames decodes every zstd frame found anywhere in b, as zstd -dc
// would at each place one starts.
func zstdFrames(t *testing.T, b []byte) [][]byte {
	t.Helper()
	dec, err := zstd.NewReader(nil, zstd.WithDecoderMaxMemory(1<<24))
	if err != nil {
		t.Fatal(err)
	}
	defer dec.Close()
	var out [][]byte
	magic := []byte{0x28, 0xb5, 0x2f, 0xfd}
	for i := 0; ; i++ {
		j := bytes.Index(b[i:], magic)
		if j < 0 {
			return out
		}
		i += j
		// A frame ends where the file's next bytes no longer decode:
		// try every end, as a frame's length is not known up front.
		for end := len(b); end > i+4; end-- {
			if raw, err := dec.DecodeAll(b[i:end], nil); err == nil {
				out = append(out, raw)
				break
			}
		}
	}
}

func TestSealedBundleShowsNothing(t *testing.T) {
	t.Parallel()
	pv := newSealedProvince(t)
	bundle := export(t, pv.a, pv.d)
	plain, err := hsb.Open(bytes.NewReader(bundle), pv.d.key)
	if err != nil {
		t.Fatal(err)
	}
	inner, err := io.ReadAll(plain)
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{citizenName, citizenID, "Cẩm Bình", "38/405", "38001", "dossier/A1"}
	// The same search finds the citizen in the unsealed stream, so it
	// proves something when it finds nothing in the file.
	found := func(b []byte) bool {
		for _, raw := range append(zstdFrames(t, b), b) {
			for _, s := range secrets {
				if bytes.Contains(raw, []byte(s)) {
					return true
				}
			}
		}
		return false
	}
	if !found(inner) {
		t.Fatal("the search does not find the citizen in the unsealed bundle")
	}
	if found(bundle) {
		t.Fatal("the sealed bundle shows a citizen's data or an office")
	}

	// The header: the magic, age's version line, X25519 stanzas (an
	// ephemeral share and a wrapped key, nothing else), a multiple of 8
	// of them, and the MAC. No office code, path or key tag fits in it.
	r := bufio.NewReader(bytes.NewReader(bundle))
	line := func() string {
		l, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("header: %v", err)
		}
		return strings.TrimSuffix(l, "\n")
	}
	if l := line(); l != "HSBUNDLE2" {
		t.Fatalf("magic %q", l)
	}
	if l := line(); l != "age-encryption.org/v1" {
		t.Fatalf("version line %q", l)
	}
	b64 := `[A-Za-z0-9+/]{43}`
	stanza, body, mac := regexp.MustCompile(`^-> X25519 `+b64+`$`), regexp.MustCompile(`^`+b64+`$`), regexp.MustCompile(`^--- `+b64+`$`)
	stanzas := 0
	for {
		l := line()
		if mac.MatchString(l) {
			break
		}
		if !stanza.MatchString(l) {
			t.Fatalf("header line %q is not an X25519 stanza", l)
		}
		if l := line(); !body.MatchString(l) {
			t.Fatalf("stanza body %q", l)
		}
		stanzas++
	}
	// A, the district, its desk and the province: padded to 8.
	if stanzas != recipientBucket {
		t.Errorf("%d stanzas, want %d", stanzas, recipientBucket)
	}
}

func TestSealedBundleRefusesEveryFlippedByte(t *testing.T) {
	t.Parallel()
	pv := newSealedProvince(t)
	bundle := export(t, pv.a, pv.d)
	plain, err := hsb.Open(bytes.NewReader(bundle), pv.d.key)
	if err != nil {
		t.Fatal(err)
	}
	inner, _ := io.ReadAll(plain)
	if len(inner) > 64<<10 {
		t.Fatalf("the test wants one STREAM chunk, the bundle has %d bytes", len(inner))
	}
	// The end frame's counter: the plaintext's last bytes, at the same
	// offset in the file's only chunk (16 bytes of tag after it).
	counter := len(bundle) - 16 - 2
	refuse := func(name string, b []byte) {
		t.Helper()
		if _, err := pv.d.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, hsb.ErrRefused) {
			t.Fatalf("%s: got %v", name, err)
		}
	}
	// Every byte flipped fails to decrypt to the end: package bundle's
	// TestSealedFileRefusesEveryFlippedByte. A sample of them, through the
	// whole import: the magic, the header, the nonce, the frames, the end
	// frame's counter, the tag.
	for i := 0; i < len(bundle); i += 37 {
		b := bytes.Clone(bundle)
		b[i] ^= 0x80
		refuse("flip at "+strconv.Itoa(i), b)
	}
	for _, i := range []int{0, 9, 10, 11, counter, counter + 1, len(bundle) - 2, len(bundle) - 1} {
		b := bytes.Clone(bundle)
		b[i] ^= 0xff
		refuse("byte "+strconv.Itoa(i), b)
	}
	// The reason given for the payload is the file's alteration.
	for _, i := range []int{counter, len(bundle) - 1} {
		b := bytes.Clone(bundle)
		b[i] ^= 0x01
		if _, err := pv.d.sync.ImportBundle(bytes.NewReader(b)); err == nil || !strings.Contains(err.Error(), "the file was altered, cut short or extended") {
			t.Errorf("byte %d: %v", i, err)
		}
	}
	for _, n := range []int{0, 10, len(bundle) / 2, len(bundle) - 18, len(bundle) - 1} {
		refuse("cut at "+strconv.Itoa(n), bundle[:n])
	}
	refuse("a byte added", append(bytes.Clone(bundle), 0))
	if count(t, pv.d, "dossier/A1") != 0 {
		t.Fatal("part of a refused bundle was imported")
	}
	if got, err := pv.d.sync.ImportBundle(bytes.NewReader(bundle)); err != nil || got.Added == 0 {
		t.Fatalf("the bundle itself: %+v %v", got, err)
	}
}

func TestPlainBundleRefused(t *testing.T) {
	t.Parallel()
	pv := newSealedProvince(t)
	plain, err := hsb.Open(bytes.NewReader(export(t, pv.a, pv.d)), pv.d.key)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := io.ReadAll(plain)
	if !bytes.HasPrefix(old, []byte(plainMagic)) {
		t.Fatal("the sealed content is not a version 1 bundle")
	}
	if _, err := pv.d.sync.ImportBundle(bytes.NewReader(old)); !errors.Is(err, hsb.ErrPlain) || !errors.Is(err, hsb.ErrRefused) {
		t.Fatalf("a plain bundle: got %v", err)
	}
	if count(t, pv.d, "dossier/A1") != 0 {
		t.Fatal("a plain bundle was imported")
	}
}
