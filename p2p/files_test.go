package p2p

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"hoso/p2p/fileproto"
	"hoso/store"
)

// bodyIndex is a FileIndex over the records of the subjects a test
// watches, whose bodies name a file as {"file": address, "size": n}: what
// the application's projections answer in a node.
type bodyIndex struct {
	st       *store.Store
	mu       sync.Mutex
	subjects []string
}

func (b *bodyIndex) watch(subject string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subjects = append(b.subjects, subject)
}

type fileBody struct {
	File string `json:"file"`
	Size int64  `json:"size"`
}

func (b *bodyIndex) named() (map[store.BlobID][]string, map[store.BlobID]int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	subjects, sizes := map[store.BlobID][]string{}, map[store.BlobID]int64{}
	for _, s := range b.subjects {
		evs, _ := b.st.SubjectEvents(s)
		for _, e := range evs {
			var f fileBody
			if json.Unmarshal(e.Body, &f) != nil {
				continue
			}
			if id, err := store.ParseBlobID(f.File); err == nil {
				subjects[id] = append(subjects[id], s)
				sizes[id] = f.Size
			}
		}
	}
	return subjects, sizes
}

func (b *bodyIndex) Wanted(limit int) ([]fileproto.Want, error) {
	_, sizes := b.named()
	var out []fileproto.Want
	for id, size := range sizes {
		if _, err := b.st.BlobSize(id); errors.Is(err, store.ErrNoBlob) && len(out) < limit {
			out = append(out, fileproto.Want{ID: id, Size: size})
		}
	}
	return out, nil
}

func (b *bodyIndex) Named() ([]fileproto.Want, error) {
	_, sizes := b.named()
	var out []fileproto.Want
	for id, size := range sizes {
		out = append(out, fileproto.Want{ID: id, Size: size})
	}
	return out, nil
}

func (b *bodyIndex) Subjects(id store.BlobID) ([]string, error) {
	subjects, _ := b.named()
	return subjects[id], nil
}

// attachFile stores a file on n and writes a record of office naming it.
func attachFile(t *testing.T, n *node, office, subject string, data []byte) store.BlobID {
	t.Helper()
	id, err := n.st.PutBlob(data)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(fileBody{File: id.String(), Size: int64(len(data))})
	if _, err := n.st.Append(store.Draft{Actor: "u", Owner: office, Kind: "plan.progress", Subject: subject, Body: body}); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestFilesFollowTheirRecords syncs a 5 MB scan over real libp2p hosts:
// it reaches the district after its record, then the province through
// the district, counts against the day's budget, and never reaches the
// other commune, which holds no record naming it.
func TestFilesFollowTheirRecords(t *testing.T) {
	pv := newProvince(t)
	link(t, pv.a, pv.d)
	link(t, pv.b, pv.d)
	link(t, pv.d, pv.p)
	const subject = "planprogress/38001/kh/T1"
	for _, n := range []*node{pv.a, pv.b, pv.d, pv.p} {
		n.files.watch(subject)
	}
	data := bytes.Repeat([]byte("scan of a paper "), 5<<20/16)
	id := attachFile(t, pv.a, "38001", subject, data)

	st := pull(t, pv.d, pv.a)
	if st.Events == 0 {
		t.Fatalf("the district pulled no record: %+v", st)
	}
	if got, err := pv.d.st.Blob(id); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the district holds %d bytes of the scan: %v", len(got), err)
	}
	if used := pv.d.sync.budget.used(pv.a.id); used < int64(len(data)) {
		t.Fatalf("the district's budget with the commune counts %d bytes, less than the scan", used)
	}
	pull(t, pv.p, pv.d)
	if _, err := pv.p.st.Blob(id); err != nil {
		t.Fatalf("the province has no scan: %v", err)
	}
	pull(t, pv.b, pv.d)
	if _, err := pv.b.st.Blob(id); !errors.Is(err, store.ErrNoBlob) {
		t.Fatalf("commune B holds commune A's scan: %v", err)
	}
	// Commune B holds no record naming the file, so it wants nothing.
	stats, err := pv.b.sync.FetchFiles(context.Background(), pv.d.id)
	if err != nil || stats.Files != 0 || stats.Refused != 0 {
		t.Fatalf("commune B fetching: %+v %v", stats, err)
	}
	// With the day's budget spent, nothing more is fetched.
	pv.p.sync.SetDailyBudget(1)
	other := attachFile(t, pv.a, "38001", subject, []byte("%PDF-1.4 second"))
	pull(t, pv.d, pv.a)
	if _, err := pv.d.st.Blob(other); err != nil {
		t.Fatalf("the district has not the second file: %v", err)
	}
	if _, err := pv.p.sync.Pull(context.Background(), pv.d.id); err != nil {
		t.Logf("pull over budget: %v", err)
	}
	if _, err := pv.p.st.Blob(other); !errors.Is(err, store.ErrNoBlob) {
		t.Fatalf("a file fetched past the day's budget: %v", err)
	}
}

// TestBundleCarriesFiles writes bundles with and without their files: the
// district imports the commune's scan from a bundle asked with files, not
// from one without, and a bundle the district writes for the other
// commune carries no file of this one.
func TestBundleCarriesFiles(t *testing.T) {
	pv := newProvince(t)
	const subject = "planprogress/38001/kh/T1"
	for _, n := range []*node{pv.a, pv.b, pv.d} {
		n.files.watch(subject)
	}
	data := bytes.Repeat([]byte("scan "), 200_000)
	id := attachFile(t, pv.a, "38001", subject, data)

	var plain bytes.Buffer
	if st, err := pv.a.sync.ExportBundle(&plain, pv.d.id, false); err != nil || st.Files != 0 {
		t.Fatalf("a bundle without files: %+v %v", st, err)
	}
	if st, err := pv.d.sync.ImportBundle(bytes.NewReader(plain.Bytes())); err != nil || st.Files != 0 || st.Added == 0 {
		t.Fatalf("importing it: %+v %v", st, err)
	}
	if _, err := pv.d.st.Blob(id); !errors.Is(err, store.ErrNoBlob) {
		t.Fatalf("a file came without being asked for: %v", err)
	}

	var withFiles bytes.Buffer
	st, err := pv.a.sync.ExportBundleFiles(&withFiles, pv.d.id, false)
	if err != nil || st.Files != 1 || st.FileBytes != int64(len(data)) {
		t.Fatalf("a bundle with files: %+v %v", st, err)
	}
	in, err := pv.d.sync.ImportBundle(bytes.NewReader(withFiles.Bytes()))
	if err != nil || in.Files != 1 || in.FileBytes != int64(len(data)) {
		t.Fatalf("importing it: %+v %v", in, err)
	}
	if got, err := pv.d.st.Blob(id); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the district holds %d bytes of the scan: %v", len(got), err)
	}
	// Importing the same bundle again adds nothing and breaks nothing.
	if _, err := pv.d.sync.ImportBundle(bytes.NewReader(withFiles.Bytes())); err != nil {
		t.Fatalf("importing it again: %v", err)
	}

	// The district's bundle for commune B: B's office sees no record
	// naming the scan, so the scan stays out.
	var forB bytes.Buffer
	if st, err := pv.d.sync.ExportBundleFiles(&forB, pv.b.id, false); err != nil || st.Files != 0 {
		t.Fatalf("the district's bundle for commune B: %+v %v", st, err)
	}
}
