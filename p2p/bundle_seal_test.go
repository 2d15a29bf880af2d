package p2p

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"

	"hoso/store"
	"hoso/trust"
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
		if _, err := n.sync.ImportBundle(bytes.NewReader(bundle)); !errors.Is(err, ErrBundleNotAddressed) || !errors.Is(err, ErrBundle) {
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
	if _, err := other.sync.ImportBundle(bytes.NewReader(bundle)); !errors.Is(err, ErrBundleNotAddressed) {
		t.Errorf("district 406: got %v", err)
	}
	// A bundle the district writes for commune B opens at B.
	b := export(t, pv.d, pv.b)
	if _, err := pv.b.sync.ImportBundle(bytes.NewReader(b)); err != nil {
		t.Errorf("commune B cannot open the district's bundle for it: %v", err)
	}
	if _, err := pv.a.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, ErrBundleNotAddressed) {
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
	pv := newSealedProvince(t)
	bundle := export(t, pv.a, pv.d)
	plain, err := openBundle(bytes.NewReader(bundle), pv.d.key)
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
	pv := newSealedProvince(t)
	bundle := export(t, pv.a, pv.d)
	plain, err := openBundle(bytes.NewReader(bundle), pv.d.key)
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
		if _, err := pv.d.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, ErrBundle) {
			t.Fatalf("%s: got %v", name, err)
		}
	}
	// Every byte flipped fails to decrypt to the end (in parallel: each
	// try costs the X25519 of every stanza)…
	id, err := x25519Identity(pv.d.key)
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := decryptBundle(bytes.NewReader(bundle[len(sealedMagic):]), id); err != nil {
		t.Fatal(err)
	} else if _, err := io.ReadAll(plain); err != nil {
		t.Fatal(err)
	}
	step := 1
	if testing.Short() {
		step = 13
	}
	var wg sync.WaitGroup
	bad := make(chan string, len(bundle))
	for w := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := w * step; i < len(bundle); i += runtime.GOMAXPROCS(0) * step {
				b := bytes.Clone(bundle)
				b[i] ^= 0x01
				var plain io.Reader
				err := errors.New("the magic")
				if bytes.HasPrefix(b, []byte(sealedMagic)) {
					plain, err = decryptBundle(bytes.NewReader(b[len(sealedMagic):]), id)
				}
				if err == nil {
					_, err = io.ReadAll(plain)
				}
				if err == nil {
					bad <- strconv.Itoa(i)
				}
			}
		})
	}
	wg.Wait()
	close(bad)
	for i := range bad {
		t.Errorf("the file with byte %s flipped decrypts", i)
	}
	// …and a sample of them, through the whole import: the magic, the
	// header, the nonce, the frames, the end frame's counter, the tag.
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
	pv := newSealedProvince(t)
	plain, err := openBundle(bytes.NewReader(export(t, pv.a, pv.d)), pv.d.key)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := io.ReadAll(plain)
	if !bytes.HasPrefix(old, []byte(bundleMagic)) {
		t.Fatal("the sealed content is not a version 1 bundle")
	}
	if _, err := pv.d.sync.ImportBundle(bytes.NewReader(old)); !errors.Is(err, ErrBundlePlain) || !errors.Is(err, ErrBundle) {
		t.Fatalf("a plain bundle: got %v", err)
	}
	if count(t, pv.d, "dossier/A1") != 0 {
		t.Fatal("a plain bundle was imported")
	}
}

func TestDeviceKeysSealAndOpen(t *testing.T) {
	// BIP 173's test vector: hrp "abcdef", the 5-bit values 0 to 31.
	data := []byte{0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf, 0x84, 0x65, 0x3a, 0x56, 0xd7, 0xc6, 0x75, 0xbe, 0x77, 0xdf}
	if got := bech32("abcdef", data); got != "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw" {
		t.Fatalf("bech32: %s", got)
	}
	var keys []ed25519.PrivateKey
	for range 3 {
		k, _ := newKey(t)
		keys = append(keys, k)
	}
	var buf bytes.Buffer
	w, err := sealBundle(&buf, []ed25519.PublicKey{keys[0].Public().(ed25519.PublicKey), keys[1].Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, bundleMagic+"content")
	w.Close()
	for i, k := range keys {
		plain, err := openBundle(bytes.NewReader(buf.Bytes()), k)
		if i == 2 {
			if !errors.Is(err, ErrBundleNotAddressed) {
				t.Errorf("a third key: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
		if got, err := io.ReadAll(plain); err != nil || string(got) != bundleMagic+"content" {
			t.Errorf("key %d: %q %v", i, got, err)
		}
	}
	// A file of several 64 KiB chunks: one altered in the middle, or cut
	// at a chunk's end, does not read to its end.
	buf.Reset()
	w, err = sealBundle(&buf, []ed25519.PublicKey{keys[0].Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("HSBUNDLE1\n"), 20_000)
	w.Write(big)
	w.Close()
	full := buf.Bytes()
	start := bytes.Index(full, []byte("\n--- ")) + 1 + 48 + 16 // after the MAC line and the nonce
	altered := bytes.Clone(full)
	altered[start+70_000] ^= 0x01
	for name, b := range map[string][]byte{"whole": full, "altered": altered, "cut after a chunk": full[:start+64<<10+16]} {
		plain, err := openBundle(bytes.NewReader(b), keys[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(plain)
		if name == "whole" {
			if err != nil || !bytes.Equal(got, big) {
				t.Fatalf("whole: %d bytes, %v", len(got), err)
			}
		} else if !errors.Is(err, ErrBundle) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A key of small order (the identity point) is no recipient.
	small := make(ed25519.PublicKey, 32)
	small[0] = 1
	if _, err := x25519Recipient(small); err == nil {
		t.Error("a small-order key was accepted")
	}
	if _, err := openBundle(bytes.NewReader(buf.Bytes()), nil); err == nil || errors.Is(err, ErrBundle) {
		t.Errorf("no key: %v", err)
	}
}

// FuzzOpenBundle: whatever the bytes, opening and reading them never
// panics, and no file but the one sealed decrypts to its end.
// testdata/sealed.hsb is "HSBUNDLE1\n\x05\x01hello" sealed by sealBundle to
// the key of seed 32 × 0x07 alone (fixed, as age seals with fresh
// randomness and the fuzzing workers must agree on it).
func FuzzOpenBundle(f *testing.F) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	const content = bundleMagic + "\x05\x01hello"
	sealed, err := os.ReadFile("testdata/sealed.hsb")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add([]byte(content))
	f.Add([]byte(sealedMagic + "age-encryption.org/v1\n-> X25519 \n--- \n"))
	f.Add(append([]byte(sealedMagic), sealed[len(sealedMagic)+40:]...))
	f.Fuzz(func(t *testing.T, b []byte) {
		plain, err := openBundle(bytes.NewReader(b), key)
		if err != nil {
			if !errors.Is(err, ErrBundle) {
				t.Fatalf("an error that is not a refused bundle: %v", err)
			}
			return
		}
		got, err := io.ReadAll(io.LimitReader(plain, 1<<20))
		if err != nil {
			return
		}
		if !bytes.Equal(b, sealed) || string(got) != content {
			t.Fatalf("a file other than the sealed one decrypted: %q", got)
		}
	})
}
