package app

import (
	"hoso/dossier"
	"hoso/store"
)

// AppraisalNote is one appraisal of a dossier as its event recorded it: the
// officer's conclusion and notes. The timeline shows each beside its row
// (issue 22: the leader sees the officer's opinion before signing); the
// dossier's Appraisal is the latest applied one.
type AppraisalNote struct {
	// Event is the appraisal event's ID, the timeline entry's.
	Event   string          `json:"event"`
	Opinion dossier.Opinion `json:"opinion"`
	Note    string          `json:"note,omitempty"`
	// By is the officer who appraised.
	By string `json:"by"`
}

// appraisalNotes reads every appraisal of the dossier code from its events,
// oldest first. The projection keeps only the latest, so earlier ones —
// before a supplement, say — are read from the events themselves, which the
// store verified when they arrived. An event whose body does not decode is
// the timeline's problem row, and is skipped here.
func appraisalNotes(st *store.Store, code string) ([]AppraisalNote, error) {
	evs, err := st.SubjectEvents(dossierPrefix + code)
	if err != nil {
		return nil, Wrap(CodeInternal, err, "reading the appraisals")
	}
	out := []AppraisalNote{}
	for _, e := range evs {
		if dossier.Kind(e.Kind) != dossier.KindAppraised {
			continue
		}
		b, err := dossier.Decode(dossier.KindAppraised, e.Body)
		if err != nil {
			continue
		}
		a := b.(*dossier.Appraised)
		out = append(out, AppraisalNote{Event: e.ID().String(), Opinion: a.Opinion, Note: a.Note, By: e.Actor})
	}
	return out, nil
}
