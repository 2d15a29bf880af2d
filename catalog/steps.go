package catalog

// DefaultSteps returns the default step table of a procedure: a starting
// point the administrator edits into the office's documented process, not a
// legal fact. Its steps fill the procedure's whole time budget, B =
// max(TimeLimitWD, 1) × HoursPerWorkingDay working hours (a same-day
// procedure gets one working day):
//
//	step                               role     form    hours
//	Tiếp nhận hồ sơ                    clerk    Mẫu 01  R = min(4, B/8)
//	Thẩm định, xử lý hồ sơ             officer  Mẫu 05  P (see below)
//	Giải quyết tại cơ quan phối hợp    agency   Mẫu 05  P (liên thông only)
//	Lãnh đạo ký duyệt                  leader   Mẫu 05  S = min(8, B/4)
//	Trả kết quả                        clerk    Mẫu 06  R
//
// P is what remains, B − 2R − S, split in two halves between the officer
// and the other agencies when the procedure is liên thông. For a same-day
// procedure that is 1 + 4 + 2 + 1 hours; for 3 days 3 + 12 + 6 + 3; from 4
// days on, reception and return take half a day each and signing a day.
// Every figure is a whole number of hours, and the sum is exactly B, so the
// table always passes Validate.
func DefaultSteps(p Procedure) []Step {
	budget := max(p.TimeLimitWD, 1) * HoursPerWorkingDay
	reception := min(4, budget/8)
	signing := min(8, budget/4)
	processing := budget - 2*reception - signing
	steps := []Step{{Name: "Tiếp nhận hồ sơ", Role: RoleClerk, Hours: float64(reception), Form: "Mẫu 01"}}
	if p.Interagency == InteragencySameLevel || p.Interagency == InteragencyCrossLevel {
		half := processing / 2
		steps = append(steps,
			Step{Name: "Thẩm định, xử lý hồ sơ", Role: RoleOfficer, Hours: float64(processing - half), Form: "Mẫu 05"},
			Step{Name: "Giải quyết tại cơ quan phối hợp (liên thông)", Role: RoleAgency, Hours: float64(half), Form: "Mẫu 05"})
	} else {
		steps = append(steps, Step{Name: "Thẩm định, xử lý hồ sơ", Role: RoleOfficer, Hours: float64(processing), Form: "Mẫu 05"})
	}
	return append(steps,
		Step{Name: "Lãnh đạo ký duyệt", Role: RoleLeader, Hours: float64(signing), Form: "Mẫu 05"},
		Step{Name: "Trả kết quả", Role: RoleClerk, Hours: float64(reception), Form: "Mẫu 06"})
}
