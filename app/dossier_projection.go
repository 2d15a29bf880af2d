package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

const (
	dossierPrefix = "dossier/"
	dossierProjID = "dossier"
	// indexBook orders a desk's tracking books: volume 0x00 number(8
	// digits), the volume naming the year, the desk and the sector book
	// (dossier.BookVolume).
	indexBook = "book"
	// indexFact holds what the reports need of each received dossier,
	// by receiving office: office 0x00 report.Fact.Encode(). A report scans
	// an office's prefix and decodes nothing else.
	indexFact = "fact"
	// indexStanding holds the same office 0x00 report.Fact.Encode() as
	// indexFact, only while the dossier's due date runs (it is in
	// dossier.IndexDue): the few dossiers that can be overdue or due soon.
	// The dossier list counts them exactly by judging each fact
	// (standing_count.go), reading no dossier.
	indexStanding = "standing"
)

// dossierProjection folds a dossier's events with the dossier package and
// keeps its search indexes. The event's owner is the office that acted.
type dossierProjection struct{}

// Name identifies the projection in stored keys.
func (dossierProjection) Name() string { return dossierProjID }

// Version is 10 since a status's key ends with the day of reception
// (dossier.IndexStatus: the queue and a status's list page read in order),
// 9 since the dossiers whose due date runs are indexed with
// their report facts (indexStanding, the list's exact counts), 8 since a dossier's files are indexed for the files
// protocol (dossier.Dossier.Files, files_index.go), 7 since the report
// facts keep what the Decision 766 index counts (report.Fact version 3:
// scans, electronic result, reuse, fee and how it was paid, post, waiting
// for a supplement), 6 since a dossier keeps the versions of the rules it was
// received under (Dossier.Rules, which the dossier screen shows), 5 since
// what a clerk types is indexed (parts of codes,
// identifiers and phone numbers, dossier.IndexDigits) with who received
// each dossier (dossier.IndexReceiver), 4 since the report facts keep both timings, the apologies'
// new dates apart and whether a dossier was stopped (report.Fact version
// 2), 3 since organisations and representatives are indexed (their names
// and identifiers, dossier.IndexKeys), 2 since the fact index: data folded
// by an earlier version is folded again when the store opens.
func (dossierProjection) Version() uint32 { return 10 }

// Wants reports whether the subject is a dossier.
func (dossierProjection) Wants(subject string) bool { return strings.HasPrefix(subject, dossierPrefix) }

// Fold applies events to the dossier.
func (dossierProjection) Fold(subject string, state []byte, events []*store.Event) (store.Folded, error) {
	var d dossier.Dossier
	if state != nil {
		if err := json.Unmarshal(state, &d); err != nil {
			return store.Folded{}, fmt.Errorf("decoding dossier state: %w", err)
		}
	}
	for _, e := range events {
		d.Apply(inputOf(e))
	}
	b, err := json.Marshal(&d)
	if err != nil {
		return store.Folded{}, err
	}
	var idx []store.IndexEntry
	keys := dossier.IndexKeys(d)
	for name, keys := range keys {
		for _, k := range keys {
			idx = append(idx, store.IndexEntry{Index: name, Key: k})
		}
	}
	if d.Book.Number > 0 {
		idx = append(idx, store.IndexEntry{Index: indexBook, Key: bookKey(d.Book.Volume, d.Book.Number)})
	}
	if f, ok := report.FromDossier(d); ok {
		key := append(append([]byte(d.Office), 0), f.Encode()...)
		idx = append(idx, store.IndexEntry{Index: indexFact, Key: key})
		if _, runs := keys[dossier.IndexDue]; runs {
			idx = append(idx, store.IndexEntry{Index: indexStanding, Key: key})
		}
	}
	// "file": the scans, the reused papers and the electronic result.
	idx = append(idx, fileEntries(d.Files())...)
	return store.Folded{State: b, Index: idx}, nil
}

func bookKey(volume string, number int) []byte {
	return fmt.Appendf(nil, "%s\x00%08d", volume, number)
}

// inputOf converts a stored event into the dossier package's input.
func inputOf(e *store.Event) dossier.Input {
	id := e.ID()
	return dossier.Input{
		Kind: dossier.Kind(e.Kind), Body: e.Body, Actor: e.Actor, ActorOffice: e.Owner, Office: e.Owner,
		At: e.HLC.Time(), Origin: e.Origin.String(), Seq: e.Seq, ID: id.String(),
	}
}
