// Package startupbench prepares and measures the desktop's start on a large
// store (issue 19 §4): Fill grows a demo folder to a million events quickly
// by copying its dossiers under new codes, and the benchmarks read the
// dossier list's first page of such a store.
package startupbench

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"hoso/store"
)

// FillOptions configure Fill.
type FillOptions struct {
	// Rounds is how many copies of every dossier are appended (1 to 99).
	Rounds int
	// Batch is how many events one transaction appends; 0 means 200.
	Batch int
	// Progress, when set, is told the events appended so far.
	Progress func(events int)
}

// FillReport says what Fill appended.
type FillReport struct {
	// Template is the number of dossier events copied in each round.
	Template int `json:"templateEvents"`
	// Appended is the number of events written.
	Appended int `json:"appended"`
}

// Fill appends Rounds copies of every dossier event this node wrote, in log
// order, each copy under a new code: the day's sequence number of the code
// (office-YYMMDD-NNNN) moves up by 100 per round, in the subject and the
// body alike. The demo generator replays a year through the services, which
// is far too slow for a million events; copies fold through the same
// projections and indexes, so the list, the search and the start-up read a
// store of the real shape. Codes whose sequence is 100 or more are left out
// (a template with more than 99 dossiers on one day).
func Fill(st *store.Store, opts FillOptions) (FillReport, error) {
	if opts.Rounds < 1 || opts.Rounds > 99 {
		return FillReport{}, fmt.Errorf("rounds must be 1 to 99, not %d", opts.Rounds)
	}
	batch := opts.Batch
	if batch <= 0 {
		batch = 200
	}
	all, err := st.After(st.Self(), 0, 0)
	if err != nil {
		return FillReport{}, fmt.Errorf("reading the template events: %w", err)
	}
	var tpl []*store.Event
	for _, e := range all {
		code, ok := strings.CutPrefix(e.Subject, "dossier/")
		if ok && seqOf(code) >= 0 && seqOf(code) < 100 {
			tpl = append(tpl, e)
		}
	}
	rep := FillReport{Template: len(tpl)}
	drafts := make([]store.Draft, 0, batch)
	flush := func() error {
		if len(drafts) == 0 {
			return nil
		}
		if err := appendSplit(st, drafts); err != nil {
			return err
		}
		rep.Appended += len(drafts)
		drafts = drafts[:0]
		if opts.Progress != nil {
			opts.Progress(rep.Appended)
		}
		return nil
	}
	for round := 1; round <= opts.Rounds; round++ {
		for _, e := range tpl {
			code := strings.TrimPrefix(e.Subject, "dossier/")
			renamed := renamedCode(code, round)
			drafts = append(drafts, store.Draft{
				Actor: e.Actor, Owner: e.Owner, Audience: e.Audience, Kind: e.Kind,
				Subject: "dossier/" + renamed,
				Body:    bytes.ReplaceAll(e.Body, []byte(code), []byte(renamed)),
			})
			if len(drafts) == batch {
				if err := flush(); err != nil {
					return rep, err
				}
			}
		}
	}
	return rep, flush()
}

// appendSplit appends drafts in one transaction, or in halves when they do
// not fit in one.
func appendSplit(st *store.Store, drafts []store.Draft) error {
	_, err := st.AppendBatch(drafts)
	if err == nil || len(drafts) == 1 {
		if err != nil {
			return fmt.Errorf("appending a copied event: %w", err)
		}
		return nil
	}
	half := len(drafts) / 2
	if err := appendSplit(st, drafts[:half]); err != nil {
		return err
	}
	return appendSplit(st, drafts[half:])
}

// seqOf returns the day's sequence number of a dossier code, or -1.
func seqOf(code string) int {
	i := strings.LastIndexByte(code, '-')
	if i < 0 || len(code)-i-1 != 4 {
		return -1
	}
	n, err := strconv.Atoi(code[i+1:])
	if err != nil {
		return -1
	}
	return n
}

// renamedCode moves a code's sequence number up by 100 per round.
func renamedCode(code string, round int) string {
	i := strings.LastIndexByte(code, '-')
	return fmt.Sprintf("%s-%04d", code[:i], seqOf(code)+100*round)
}
