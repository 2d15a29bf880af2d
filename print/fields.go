package print

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hoso/calendar"
	"hoso/dossier"
)

// dossierFields are the placeholders of Forms 01 to 05, each filled from
// the dossier by dossierValues.
var dossierFields = []string{
	"code", "desk", "office", "place",
	"applicant.name", "applicant.id", "applicant.address", "applicant.phone", "applicant.email",
	"procedure", "procedure.code", "sets", "limit", "received.date", "received.time", "due", "due.current",
	"fee", "book.volume", "book.number",
	"supplement.date", "supplement.note",
	"refusal.date", "refusal.reason",
	"reschedule.before", "reschedule.after", "reschedule.reason",
	"lead", "coordinating",
}

// bookFields are the placeholders of Form 06.
var bookFields = []string{"office", "desk", "place", "from", "to", "count", "year"}

// formFields are the placeholders each form's template may use.
var formFields = map[string][]string{
	"01": dossierFields, "02": dossierFields, "03": dossierFields, "04": dossierFields, "05": dossierFields,
	"06": bookFields,
}

// name returns the display name of an office code or user ID from names,
// or the code itself.
func name(names map[string]string, id string) string {
	if n := strings.TrimSpace(names[id]); n != "" {
		return n
	}
	return id
}

// dossierValues fills the placeholders of Forms 01 to 05 from d. A value
// the dossier does not have is empty, and prints as dots.
func dossierValues(d Doc) map[string]string {
	ds := d.Dossier
	v := map[string]string{
		"code":              ds.Code,
		"desk":              d.Office.desk(),
		"office":            d.Office.Name,
		"place":             d.Office.Place,
		"applicant.name":    ds.Applicant.FullName,
		"applicant.id":      ds.Applicant.CitizenID,
		"applicant.address": ds.Applicant.Address,
		"applicant.phone":   ds.Applicant.Phone,
		"applicant.email":   ds.Applicant.Email,
		"procedure":         procedure(ds.Procedure),
		"procedure.code":    ds.Procedure.Code,
		"sets":              positive(ds.Sets),
		"fee":               d.Fee,
		"book.volume":       ds.Book.Volume,
	}
	v["limit"] = "trong ngày"
	if n := ds.Procedure.TimeLimitWD; n > 0 {
		v["limit"] = fmt.Sprintf("%d ngày làm việc", n)
	}
	if !ds.ReceivedAt.IsZero() {
		v["received.date"] = vnDate(ds.ReceivedAt)
		v["received.time"] = vnTime(ds.ReceivedAt)
	}
	due := ds.OriginalDue
	if due.IsZero() {
		due = ds.Due
	}
	if !due.IsZero() {
		v["due"] = vnTime(due)
	}
	if !ds.Due.IsZero() {
		v["due.current"] = vnTime(ds.Due)
	}
	if ds.Book.Number > 0 {
		v["book.number"] = fmt.Sprintf("%02d", ds.Book.Number)
	}
	if n := len(ds.Supplements); n > 0 {
		s := ds.Supplements[n-1]
		v["supplement.date"] = vnDate(s.At)
		v["supplement.note"] = strings.TrimSpace(s.Note)
	}
	if r := ds.Result; r != nil && (r.Kind == dossier.ResultRefused || r.Kind == dossier.ResultNotAccepted) {
		v["refusal.date"] = vnDate(r.At)
		v["refusal.reason"] = strings.TrimSpace(r.Reason)
	}
	if moved, before, ok := reschedule(ds); ok {
		if !before.IsZero() {
			v["reschedule.before"] = vnTime(before)
		}
		if !moved.Due.IsZero() {
			v["reschedule.after"] = vnTime(moved.Due)
		}
		v["reschedule.reason"] = strings.TrimSpace(moved.Note)
	}
	v["lead"] = name(d.Names, ds.Office)
	var others []string
	add := func(code string) {
		if code != "" && code != ds.Office && !slices.Contains(others, code) {
			others = append(others, code)
		}
	}
	for _, t := range ds.Tasks {
		add(t.Office)
	}
	for _, c := range ds.Consultations {
		add(c.Office)
	}
	for i, o := range others {
		others[i] = name(d.Names, o)
	}
	v["coordinating"] = strings.Join(others, "; ")
	return v
}

// bookValues fills the placeholders of Form 06.
func bookValues(b Book) map[string]string {
	return map[string]string{
		"office": b.Office.Name,
		"desk":   b.Office.desk(),
		"place":  b.Office.Place,
		"from":   vnDate(b.From),
		"to":     vnDate(b.To),
		"count":  strconv.Itoa(len(b.Dossiers)),
		"year":   strconv.Itoa(b.From.In(calendar.Zone).Year()),
	}
}
