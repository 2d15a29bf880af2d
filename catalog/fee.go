package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FeeRule is how a procedure's fee (phí, lệ phí) is computed: a rule, not a
// number, since the law sets fees per page, per case, per channel and with
// exemptions. A procedure carries one in Fee; older records carry only
// FeeVND and FeeNote, from which Procedure.FeeRule derives one.
//
// The kinds:
//
//	free        nothing is charged ("Miễn lệ phí")
//	fixed       VND per unit named by Per ("trường hợp"), times FeeInput.Copies;
//	            OnlineVND instead when filed online and it is cheaper
//	per_page    per copy: VNDPerPage for each page before FromPage, then
//	            VNDPerPageAfter for each page from FromPage on, at most
//	            MaxVNDPerCopy a copy; times FeeInput.Copies. Copy certification
//	            (Thông tư 226/2016/TT-BTC): 2.000 đ/trang, from page 3
//	            1.000 đ/trang, at most 200.000 đ a copy
//	provincial  set by the provincial council (HĐND tỉnh): computed as fixed
//	            once the administrator has entered VND, refused before
//
// An applicant named in Exemptions pays nothing, whatever the kind.
type FeeRule struct {
	// Kind is FeeFree, FeeFixed, FeePerPage or FeeProvincial.
	Kind string `json:"kind"`
	// VND is the amount of a fixed fee, or of a provincial one once entered.
	VND int64 `json:"vnd,omitempty"`
	// Per names the unit a fixed fee is charged for ("trường hợp",
	// "hợp đồng, giao dịch"); empty: the dossier.
	Per string `json:"per,omitempty"`
	// VNDPerPage is a per-page fee's rate for the first pages.
	VNDPerPage int64 `json:"vndPerPage,omitempty"`
	// FromPage, when set (≥ 2), is the first page charged VNDPerPageAfter.
	FromPage int `json:"fromPage,omitempty"`
	// VNDPerPageAfter is the rate from page FromPage on.
	VNDPerPageAfter int64 `json:"vndPerPageAfter,omitempty"`
	// MaxVNDPerCopy, when set, caps a per-page fee for one copy.
	MaxVNDPerCopy int64 `json:"maxVNDPerCopy,omitempty"`
	// Online, when set, is the fixed fee for a dossier filed online, when
	// it is cheaper than VND (residence registration: 20.000 đ, online
	// 10.000 đ).
	Online *int64 `json:"onlineVND,omitempty"`
	// Exemptions lists who pays nothing ("Người có công với cách mạng").
	Exemptions []string `json:"exemptions,omitempty"`
	// Basis is the legal basis of the rule ("Thông tư 226/2016/TT-BTC").
	Basis string `json:"basis,omitempty"`
	// Effective is the date the rule applies from, YYYY-MM-DD; empty: always.
	Effective string `json:"effective,omitempty"`
}

// The fee kinds.
const (
	FeeFree       = "free"
	FeeFixed      = "fixed"
	FeePerPage    = "per_page"
	FeeProvincial = "provincial"
)

// feeKinds are the fee kinds, in a stable order (for messages).
var feeKinds = []string{FeeFree, FeeFixed, FeePerPage, FeeProvincial}

// ChannelOnline is the FeeInput.Channel of a dossier filed online (the same
// value as dossier.ChannelOnline).
const ChannelOnline = "online"

// Limits of a fee computation.
const (
	// MaxFeePages is the most pages one copy may have.
	MaxFeePages = 10_000
	// MaxFeeCopies is the most copies (or units) one computation counts.
	MaxFeeCopies = 1_000
	// MaxBasisLen is the longest legal basis, in characters.
	MaxBasisLen = 1000
	// EffectiveLayout is the layout of FeeRule.Effective.
	EffectiveLayout = time.DateOnly
)

// FeeInput is what the desk knows when it asks for a fee.
type FeeInput struct {
	// Channel is how the dossier was filed (in_person, post, online).
	Channel string `json:"channel"`
	// Pages is the number of pages of one copy, for a per-page fee.
	Pages int `json:"pages"`
	// Copies is the number of copies (or units of a fixed fee); 0 means 1.
	Copies int `json:"copies"`
	// Exemption names the rule's exemption the applicant claims; empty: none.
	Exemption string `json:"exemption"`
}

// FeeQuote is a computed fee.
type FeeQuote struct {
	// AmountVND is the fee in đồng.
	AmountVND int64 `json:"amountVND"`
	// Text says how it was computed, in Vietnamese, for the receipt:
	// "5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ".
	Text string `json:"text"`
	// Rule is the rule applied.
	Rule FeeRule `json:"rule"`
}

// FeeError is a fee that cannot be computed from the input given.
type FeeError struct {
	// Field is the FeeInput field at fault ("pages", "copies", "exemption"),
	// or "fee" when the rule itself cannot be applied.
	Field string
	// Code is a stable code: CodeRequired, CodeOutOfRange, CodeBadEnum or
	// CodeFeeNotSet.
	Code string
	// Message is an English explanation.
	Message string
}

func (e *FeeError) Error() string { return "computing the fee: " + e.Field + ": " + e.Message }

// Compute returns the fee the rule asks for the input. It fails with a
// *FeeError when an input is out of range (pages, copies), a per-page fee
// is asked without pages, the exemption is not one of the rule's, or a
// provincial fee has not been entered. The rule is assumed valid (see
// Procedure.Validate).
func (r FeeRule) Compute(in FeeInput) (FeeQuote, error) {
	q := FeeQuote{Rule: r.clone()}
	copies := in.Copies
	switch {
	case copies < 0 || copies > MaxFeeCopies:
		return FeeQuote{}, &FeeError{"copies", CodeOutOfRange, fmt.Sprintf("the copies must be between 0 and %d, got %d", MaxFeeCopies, copies)}
	case copies == 0:
		copies = 1
	}
	if in.Pages < 0 || in.Pages > MaxFeePages {
		return FeeQuote{}, &FeeError{"pages", CodeOutOfRange, fmt.Sprintf("the pages must be between 0 and %d, got %d", MaxFeePages, in.Pages)}
	}
	if ex := cleanText(in.Exemption); ex != "" {
		i := slices.IndexFunc(r.Exemptions, func(e string) bool { return strings.EqualFold(cleanText(e), ex) })
		if i < 0 {
			return FeeQuote{}, &FeeError{"exemption", CodeBadEnum, fmt.Sprintf("%q is not an exemption of this fee", ex)}
		}
		q.Text = "Miễn lệ phí: " + r.Exemptions[i]
		return q, nil
	}
	switch r.Kind {
	case FeeFree:
		q.Text = "Miễn lệ phí"
	case FeeFixed, FeeProvincial:
		if r.Kind == FeeProvincial && r.VND <= 0 {
			return FeeQuote{}, &FeeError{"fee", CodeFeeNotSet, "the fee is set by the provincial council and has not been entered"}
		}
		unit, online := r.VND, ""
		if in.Channel == ChannelOnline && r.Online != nil && *r.Online < unit {
			unit, online = *r.Online, " (nộp trực tuyến)"
		}
		per := ""
		if r.Per != "" {
			per = "/" + r.Per
		}
		q.AmountVND = unit * int64(copies)
		q.Text = VND(unit) + per + online
		if copies > 1 {
			q.Text += fmt.Sprintf(" × %d = %s", copies, VND(q.AmountVND))
		}
	case FeePerPage:
		if in.Pages < 1 {
			return FeeQuote{}, &FeeError{"pages", CodeRequired, "a per-page fee needs the number of pages"}
		}
		one, text := r.perCopy(in.Pages)
		q.AmountVND = one * int64(copies)
		q.Text = text
		if copies > 1 {
			q.Text = fmt.Sprintf("%s; × %d bản = %s", text, copies, VND(q.AmountVND))
		}
	default:
		return FeeQuote{}, &FeeError{"fee", CodeBadEnum, fmt.Sprintf("the fee kind %q is not one of: %s", r.Kind, strings.Join(feeKinds, ", "))}
	}
	return q, nil
}

// perCopy returns a per-page fee for one copy of pages pages, and how it was
// computed.
func (r FeeRule) perCopy(pages int) (int64, string) {
	first, rest := pages, 0
	if r.FromPage >= 2 && pages >= r.FromPage {
		first, rest = r.FromPage-1, pages-(r.FromPage-1)
	}
	amount := int64(first)*r.VNDPerPage + int64(rest)*r.VNDPerPageAfter
	text := fmt.Sprintf("%d trang × %s", first, VND(r.VNDPerPage))
	if rest > 0 {
		text = fmt.Sprintf("%d trang: %s + %d trang × %s", pages, text, rest, VND(r.VNDPerPageAfter))
	}
	text += " = " + VND(amount)
	if r.MaxVNDPerCopy > 0 && amount > r.MaxVNDPerCopy {
		amount = r.MaxVNDPerCopy
		text += fmt.Sprintf("; tối đa %s/bản", VND(r.MaxVNDPerCopy))
	}
	return amount, text
}

// VND writes an amount of đồng the Vietnamese way: "7.000 đ".
func VND(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String() + " đ"
}

// FeeRule returns the fee rule in force for p: Fee when set, otherwise the
// rule FeeVND describes (nil: provincial; 0: free; more: fixed), with
// FeeNote as its basis.
func (p Procedure) FeeRule() FeeRule {
	if p.Fee != nil {
		return p.Fee.clone()
	}
	switch {
	case p.FeeVND == nil:
		return FeeRule{Kind: FeeProvincial, Basis: p.FeeNote}
	case *p.FeeVND == 0:
		return FeeRule{Kind: FeeFree, Basis: p.FeeNote}
	}
	return FeeRule{Kind: FeeFixed, VND: *p.FeeVND, Basis: p.FeeNote}
}

// headlineVND is the one amount a list shows for the rule (FeeVND): a fixed
// or entered provincial fee, a per-page fee's first rate, 0 when free, nil
// when not yet entered.
func (r FeeRule) headlineVND() *int64 {
	var n int64
	switch r.Kind {
	case FeeFree:
	case FeeFixed:
		n = r.VND
	case FeePerPage:
		n = r.VNDPerPage
	case FeeProvincial:
		if r.VND <= 0 {
			return nil
		}
		n = r.VND
	default:
		return nil
	}
	return &n
}

// clone returns a copy of r that shares no memory with it.
func (r FeeRule) clone() FeeRule {
	q := r
	if r.Online != nil {
		v := *r.Online
		q.Online = &v
	}
	q.Exemptions = slices.Clone(r.Exemptions)
	return q
}

// normalize returns r in canonical form: texts NFC and trimmed, the kind in
// lower case, no empty list.
func (r FeeRule) normalize() FeeRule {
	q := r.clone()
	q.Kind = cleanEnum(r.Kind, "")
	q.Per = cleanText(r.Per)
	q.Basis = cleanText(r.Basis)
	q.Effective = cleanText(r.Effective)
	for i, e := range q.Exemptions {
		q.Exemptions[i] = cleanText(e)
	}
	if len(q.Exemptions) == 0 {
		q.Exemptions = nil
	}
	return q
}

// fee checks a fee rule; its fields are named "fee.<json name>".
func (v *validator) fee(r *FeeRule) {
	if r == nil || v.skip["fee"] {
		return
	}
	v.enum("fee.kind", "the fee kind", r.Kind, slices.Contains(feeKinds, r.Kind), strings.Join(feeKinds, ", "))
	amount := func(field, what string, n int64) bool {
		if n < 0 || n > MaxFeeVND {
			v.add("fee."+field, CodeOutOfRange, "%s must be between 0 and %d đồng, got %d", what, int64(MaxFeeVND), n)
			return false
		}
		return true
	}
	vndOK := amount("vnd", "the fee", r.VND)
	amount("vndPerPage", "the fee per page", r.VNDPerPage)
	amount("vndPerPageAfter", "the fee per page after", r.VNDPerPageAfter)
	amount("maxVNDPerCopy", "the most per copy", r.MaxVNDPerCopy)
	switch r.Kind {
	case FeeFixed:
		if r.VND == 0 {
			v.add("fee.vnd", CodeRequired, "a fixed fee needs its amount (a fee of 0 is kind free)")
		}
	case FeePerPage:
		if r.VNDPerPage == 0 {
			v.add("fee.vndPerPage", CodeRequired, "a per-page fee needs its rate per page")
		}
	}
	if r.FromPage != 0 && (r.FromPage < 2 || r.FromPage > MaxFeePages) {
		v.add("fee.fromPage", CodeOutOfRange, "the page the second rate starts from must be between 2 and %d, got %d", MaxFeePages, r.FromPage)
	}
	if r.Online != nil {
		switch o := *r.Online; {
		case r.Kind != FeeFixed && r.Kind != FeeProvincial:
			v.add("fee.onlineVND", CodeBadFormat, "only a fixed or provincial fee has an online amount")
		case o < 0 || (vndOK && r.VND > 0 && o > r.VND) || o > MaxFeeVND:
			v.add("fee.onlineVND", CodeOutOfRange, "the online fee must be between 0 and the fee (%d), got %d", r.VND, o)
		}
	}
	v.text("fee.per", "the fee's unit", r.Per, MaxSectorLen, false)
	if len(r.Exemptions) > MaxListLen {
		v.add("fee.exemptions", CodeTooLong, "there are %d exemptions, more than the %d allowed", len(r.Exemptions), MaxListLen)
	}
	seen := map[string]int{}
	for i, e := range r.Exemptions {
		field := fmt.Sprintf("fee.exemptions[%d]", i)
		v.text(field, fmt.Sprintf("exemption %d", i+1), e, MaxNameLen, true)
		key := strings.ToLower(e)
		if j, dup := seen[key]; dup && e != "" {
			v.add(field, CodeDuplicateValue, "exemption %d repeats exemption %d (%q)", i+1, j+1, e)
		}
		seen[key] = i
	}
	v.text("fee.basis", "the fee's basis", r.Basis, MaxBasisLen, false)
	if r.Effective != "" {
		if _, err := time.Parse(EffectiveLayout, r.Effective); err != nil {
			v.add("fee.effective", CodeBadFormat, "the effective date must be YYYY-MM-DD, got %q", r.Effective)
		}
	}
}
