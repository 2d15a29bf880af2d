package print

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hoso/calendar"
	"hoso/dossier"
)

// dossierFields are the placeholders of the papers of a dossier, each
// filled from the dossier by dossierValues.
var dossierFields = []string{
	"code", "desk", "office", "place", "set", "clerk", "contact.phone",
	"applicant.kind", "applicant.name", "applicant.id", "applicant.orgId", "applicant.identifier",
	"applicant.address", "applicant.phone", "applicant.email",
	"representative.name", "representative.id", "representative.relation",
	"procedure", "procedure.name", "procedure.code", "sets", "limit", "received.date", "received.time", "due", "due.current",
	"fee", "book.volume", "book.number",
	"supplement.date", "supplement.note",
	"refusal.date", "refusal.reason",
	"reschedule.before", "reschedule.after", "reschedule.reason",
	"stop.date", "stop.reason",
	"lead", "coordinating",
}

// bookFields are the placeholders of the tracking book.
var bookFields = []string{"office", "desk", "place", "set", "from", "to", "count", "year", "book.name", "book.sectors"}

// docFields are the placeholders each doc's template may use.
var docFields = map[string][]string{
	DocReceipt: dossierFields, DocSupplement: dossierFields, DocRefusal: dossierFields, DocRefusalNotice: dossierFields,
	DocApology: dossierFields, DocStop: dossierFields, DocControl: dossierFields,
	DocBook: bookFields,
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
func dossierValues(d Doc, set string) map[string]string {
	ds := d.Dossier
	a := ds.Applicant
	v := map[string]string{
		"code":              ds.Code,
		"desk":              d.Office.desk(),
		"office":            d.Office.Name,
		"place":             d.Office.Place,
		"set":               set,
		"clerk":             strings.TrimSpace(d.Clerk),
		"contact.phone":     strings.TrimSpace(d.Contact),
		"applicant.kind":    "Ông/Bà",
		"applicant.name":    a.FullName,
		"applicant.id":      a.CitizenID,
		"applicant.orgId":   a.OrgID,
		"applicant.address": a.Address,
		"applicant.phone":   a.Phone,
		"applicant.email":   a.Email,
		"procedure":         procedure(ds.Procedure),
		"procedure.name":    ds.Procedure.Name,
		"sets":              positive(ds.Sets),
		"fee":               d.Fee,
		"book.volume":       ds.Book.Volume,
	}
	if v["contact.phone"] == "" {
		v["contact.phone"] = strings.TrimSpace(d.Office.Phone)
	}
	v["applicant.identifier"] = a.CitizenID
	if a.IsOrganisation() {
		v["applicant.kind"] = "Tổ chức"
		v["applicant.identifier"] = a.OrgID
	}
	if r := a.Representative; r != nil {
		v["representative.name"] = strings.TrimSpace(r.FullName)
		v["representative.id"] = strings.TrimSpace(r.CitizenID)
		v["representative.relation"] = strings.TrimSpace(r.Relation)
	}
	if NationalCode(ds.Procedure.Code) {
		v["procedure.code"] = ds.Procedure.Code
	}
	v["limit"] = limitText(ds)
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
	if r := ds.Result; r != nil && r.Kind == dossier.ResultStopped {
		v["stop.date"] = vnDate(r.At)
		v["stop.reason"] = strings.TrimSpace(r.Reason)
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

// bookValues fills the placeholders of the tracking book printed with
// set.
func bookValues(b Book, set string) map[string]string {
	var sectors []string
	for _, s := range b.Sectors {
		if s = strings.TrimSpace(s); s != "" {
			sectors = append(sectors, s)
		}
	}
	return map[string]string{
		"office":       b.Office.Name,
		"desk":         b.Office.desk(),
		"place":        b.Office.Place,
		"set":          set,
		"from":         vnDate(b.From),
		"to":           vnDate(b.To),
		"count":        strconv.Itoa(len(b.Dossiers)),
		"year":         strconv.Itoa(b.From.In(calendar.Zone).Year()),
		"book.name":    strings.TrimSpace(b.Name),
		"book.sectors": strings.Join(sectors, "; "),
	}
}

// nationalCode matches a procedure code of the national database: 1 or 2
// (central or local tier), a dot and six digits, optionally followed by
// the national system's suffix (".000.00.00.H56").
var nationalCode = regexp.MustCompile(`^[12]\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$`)

// NationalCode reports whether code is a procedure code of the national
// database of administrative procedures, such as "2.000635" or
// "1.001193.000.00.00.H56". Only such a code is printed as "mã TTHC"; a
// code an office made up for its own catalog is not.
func NationalCode(code string) bool { return nationalCode.MatchString(code) }

// limitText writes the time limit the receipt states: "trong ngày" or "N
// ngày làm việc", and for an extended limit chosen at reception its reason
// (Decree 23/2015 art. 7: the receipt states the time), e.g. "5 ngày làm
// việc (thời hạn kéo dài: cần xác minh)".
func limitText(ds dossier.Dossier) string {
	s := "trong ngày"
	if n := ds.LimitWD(); n > 0 {
		s = fmt.Sprintf("%d ngày làm việc", n)
	}
	if e := ds.Extension; e != nil {
		s += " (thời hạn kéo dài: " + strings.TrimSpace(e.Reason) + ")"
	}
	return s
}
