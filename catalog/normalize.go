package catalog

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns a copy of p in canonical form: every string
// NFC-normalised and trimmed (so Vietnamese typed on any keyboard compares
// equal), the code and enumeration values in their canonical case, empty
// enumerations given their defaults (LevelCommune, InteragencyNone,
// ConfidenceUnsure) and nil lists made empty. When a fee rule is set,
// FeeVND becomes its headline amount (see FeeRule). It shares no memory with p and
// never fails: Validate judges the result.
func (p Procedure) Normalize() Procedure {
	q := p
	q.Code = strings.ToUpper(cleanText(p.Code))
	q.Name = cleanText(p.Name)
	q.Sector = cleanText(p.Sector)
	q.Level = Level(cleanEnum(string(p.Level), string(LevelCommune)))
	if p.ExtendedTimeLimitWD != nil {
		v := *p.ExtendedTimeLimitWD
		q.ExtendedTimeLimitWD = &v
	}
	q.ExtendedReason = cleanText(p.ExtendedReason)
	q.SupplementLimitWD = cloneInt(p.SupplementLimitWD)
	q.RescheduleNoticeWD = cloneInt(p.RescheduleNoticeWD)
	if p.FeeVND != nil {
		v := *p.FeeVND
		q.FeeVND = &v
	}
	q.FeeNote = cleanText(p.FeeNote)
	if p.Fee != nil {
		r := p.Fee.normalize()
		q.Fee = &r
		// A rule Validate will refuse leaves FeeVND alone, so that its
		// problem is reported once, at the rule.
		if h := r.headlineVND(); slices.Contains(feeKinds, r.Kind) && (h == nil || *h >= 0 && *h <= MaxFeeVND) {
			q.FeeVND = h
		}
	}
	q.DecidingAgency = cleanText(p.DecidingAgency)
	q.Basis = cleanText(p.Basis)
	q.Documents = make([]Document, len(p.Documents))
	for i, d := range p.Documents {
		q.Documents[i] = Document{
			Name:     cleanText(d.Name),
			Form:     DocumentForm(cleanEnum(string(d.Form), "")),
			Count:    d.Count,
			Required: d.Required,
			// How long the paper stays valid for reuse, as given.
			ValidMonths: d.ValidMonths,
		}
	}
	q.Agencies = make([]string, len(p.Agencies))
	for i, a := range p.Agencies {
		q.Agencies[i] = cleanText(a)
	}
	q.Interagency = Interagency(cleanEnum(string(p.Interagency), string(InteragencyNone)))
	q.Steps = make([]Step, len(p.Steps))
	for i, s := range p.Steps {
		q.Steps[i] = Step{
			Name:  cleanText(s.Name),
			Role:  Role(cleanEnum(string(s.Role), "")),
			Hours: s.Hours,
			Form:  cleanText(s.Form),
		}
	}
	q.Confidence = Confidence(cleanEnum(string(p.Confidence), string(ConfidenceUnsure)))
	return q
}

// cloneInt returns a copy of *n, or nil.
func cloneInt(n *int) *int {
	if n == nil {
		return nil
	}
	v := *n
	return &v
}

// cleanText NFC-normalises s and trims the white space around it.
func cleanText(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}

// cleanEnum trims and lower-cases an enumeration value, giving def when it
// is empty.
func cleanEnum(s, def string) string {
	s = strings.ToLower(cleanText(s))
	if s == "" {
		return def
	}
	return s
}
