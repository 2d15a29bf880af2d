package print

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"hoso/calendar"
)

// A form set is the legal set of forms in force from a date: Circular
// 01/2018/TT-VPCP (Decree 61/2018) until 30 June 2025, Circular
// 03/2025/TT-VPCP, Annex I (Decree 118/2025) from 1 July 2025. A dossier
// prints with the set it was received under, so a reprint of an old dossier
// keeps its old papers; the set is fixed at reception (Dossier.FormSet) or,
// for dossiers received before sets were recorded, found from the date of
// reception by SetFor.
//
// Each set is one embedded file, templates/<set>.json:
//
//	{"set": "TT03/2025", "basis": "…", "effective": "2025-07-01", "forms": [template, …]}
//
// A template names its set and its doc, the stable kind of paper (receipt,
// supplement, …); Form is the number that paper has in its set.

// The form sets this package knows.
const (
	// SetTT01 is Circular 01/2018/TT-VPCP's set (Forms 01 to 06).
	SetTT01 = "TT01/2018"
	// SetTT03 is Circular 03/2025/TT-VPCP's set, Annex I (Forms 01 to 07).
	SetTT03 = "TT03/2025"
)

// The docs: the kinds of paper, the same in every set.
const (
	// DocReceipt is the receipt and appointment (Form 01 in both sets).
	DocReceipt = "receipt"
	// DocSupplement is the request to supplement the dossier (Form 02).
	DocSupplement = "supplement"
	// DocRefusal is the refusal at the desk (Form 03), signed by the
	// applicant and the receiving clerk.
	DocRefusal = "refusal"
	// DocRefusalNotice is the refusal after appraisal: the competent
	// agency's written notice, signed by its leader. It is no annex form.
	DocRefusalNotice = "refusal_notice"
	// DocApology is the apology and new date (Form 04).
	DocApology = "apology"
	// DocStop is the notice of stopped processing (Form 05 of 2025; the
	// 2018 set has none).
	DocStop = "stop"
	// DocControl is the process control sheet (Form 05 of 2018, 06 of
	// 2025).
	DocControl = "control"
	// DocBook is the tracking book (Form 06 of 2018, 07 of 2025).
	DocBook = "book"
)

// Docs lists the doc kinds in print order.
var Docs = []string{DocReceipt, DocSupplement, DocRefusal, DocRefusalNotice, DocApology, DocStop, DocControl, DocBook}

// legacyDocs maps the 2018 numbering to docs: an office's template saved
// before sets existed has a form number and no set or doc.
var legacyDocs = map[string]string{
	"01": DocReceipt, "02": DocSupplement, "03": DocRefusal, "04": DocApology, "05": DocControl, "06": DocBook,
}

// LegacyDoc returns the doc of a Circular 01/2018 form number ("01" to
// "06"), or "" for another number.
func LegacyDoc(form string) string { return legacyDocs[form] }

// signersNeeded is how many signature columns a doc must have: the people
// who sign it. The 2018 refusal was signed by the clerk alone.
func signersNeeded(set, doc string) int {
	switch doc {
	case DocReceipt:
		return 2
	case DocRefusal:
		if set == SetTT01 {
			return 1
		}
		return 2
	case DocSupplement, DocApology, DocStop, DocRefusalNotice:
		return 1
	}
	return 0
}

// docBlocks are the blocks each doc can draw.
var docBlocks = map[string][]string{
	DocReceipt:       {BlockDocuments, BlockBelowQR},
	DocSupplement:    {BlockMissing, BlockBelowQR},
	DocRefusal:       {BlockBelowQR},
	DocRefusalNotice: {BlockBelowQR},
	DocApology:       {BlockBelowQR},
	DocStop:          {BlockBelowQR},
	DocControl:       {BlockSteps, BlockBelowQR},
	DocBook:          {BlockBook},
}

// setFile is one embedded set.
type setFile struct {
	Set       string     `json:"set"`
	Basis     string     `json:"basis"`
	Effective string     `json:"effective"`
	Forms     []Template `json:"forms"`
}

// formSet is a decoded set: its id, legal basis, first day and templates
// by doc.
type formSet struct {
	id, basis string
	effective calendar.Date
	docs      map[string]Template
}

// builtins are the embedded sets in order of their effective dates, read
// when the package is initialised; builtinsErr is why they could not be
// read (the tests catch it).
var builtins, builtinsErr = loadSets()

// setFiles are the embedded set files.
var setFiles = []string{"templates/tt01-2018.json", "templates/tt03-2025.json"}

// loadSets decodes and checks the embedded sets.
func loadSets() ([]formSet, error) {
	var out []formSet
	for _, name := range setFiles {
		b, err := templateFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("print: reading %s: %w", name, err)
		}
		var f setFile
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("print: decoding %s: %w", name, err)
		}
		eff, err := calendar.ParseDate(f.Effective)
		if err != nil {
			return nil, fmt.Errorf("print: %s: effective: %w", name, err)
		}
		s := formSet{id: f.Set, basis: f.Basis, effective: eff, docs: map[string]Template{}}
		for i, t := range f.Forms {
			if t.Set == "" {
				t.Set = f.Set
			}
			if t.Set != f.Set {
				return nil, fmt.Errorf("print: %s: forms[%d] is of set %q", name, i, t.Set)
			}
			if _, dup := s.docs[t.Doc]; dup {
				return nil, fmt.Errorf("print: %s: two templates of doc %q", name, t.Doc)
			}
			s.docs[t.Doc] = t
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].effective.Before(out[j].effective) })
	return out, nil
}

// SetIDs returns the ids of the built-in form sets, oldest first.
func SetIDs() []string {
	ids := make([]string, len(builtins))
	for i, s := range builtins {
		ids[i] = s.id
	}
	return ids
}

// SetBasis returns the legal basis and the first day of a built-in set.
func SetBasis(set string) (basis string, effective calendar.Date, ok bool) {
	for _, s := range builtins {
		if s.id == set {
			return s.basis, s.effective, true
		}
	}
	return "", calendar.Date{}, false
}

// SetFor returns the form set in force on t's day in Vietnam time: the
// newest set whose effective date is not after it. A time before every set
// (the zero time included) gives the oldest set.
func SetFor(t time.Time) string {
	if len(builtins) == 0 {
		return SetTT01
	}
	day := calendar.DateOf(t)
	id := builtins[0].id
	for _, s := range builtins {
		if !s.effective.After(day) {
			id = s.id
		}
	}
	return id
}

// knownSet reports whether set is a built-in set.
func knownSet(set string) bool { return slices.Contains(SetIDs(), set) }

// DefaultTemplate returns the built-in template of doc in set. Neither the
// 2018 set has a stop notice, nor does any set have a doc outside Docs.
func DefaultTemplate(set, doc string) (Template, error) {
	if builtinsErr != nil {
		return Template{}, builtinsErr
	}
	for _, s := range builtins {
		if s.id != set {
			continue
		}
		t, ok := s.docs[doc]
		if !ok {
			return Template{}, fmt.Errorf("print: set %s has no template for %q", set, doc)
		}
		t.Body = slices.Clone(t.Body)
		t.Signers = slices.Clone(t.Signers)
		return t, nil
	}
	return Template{}, fmt.Errorf("print: no form set %q", set)
}

// Normalized returns t with Set and Doc filled in for a template recorded
// before sets existed: such a template is of Circular 01/2018, and its doc
// follows from its 2018 form number.
func (t Template) Normalized() Template {
	if t.Set == "" && t.Doc == "" {
		t.Set = SetTT01
		t.Doc = legacyDocs[t.Form]
	}
	return t
}
