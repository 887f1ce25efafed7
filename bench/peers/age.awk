# Aging with GNU awk, as an awk user would write it:
#   LC_ALL=C gawk -v asof=2026-11-24 -f age.awk items.csv > aging.csv
# FPAT splits quoted CSV fields (a quoted name is passed through as it is).
# Columns are found by header name; due dates are turned into days with
# mktime once per distinct date; amounts are awk doubles, printed with %.2f.
function day(s,   p) {
	split(s, p, "-")
	return int(mktime(p[1] " " p[2] " " p[3] " 12 0 0") / 86400)
}
BEGIN {
	FPAT = "([^,]*)|(\"([^\"]|\"\")*\")"
	today = day(asof)
}
NR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	cu = col["customer"]; na = col["name"]; cr = col["currency"]
	am = col["amount"]; du = col["due_date"]
	next
}
{
	due = $du
	if (!(due in days)) days[due] = today - day(due)
	d = days[due]
	a = $am + 0
	k = $cu "," $cr
	b = d <= 0 ? 1 : d <= 30 ? 2 : d <= 60 ? 3 : d <= 90 ? 4 : d <= 120 ? 5 : 6
	sum[k, b] += a
	total[k] += a
	items[k]++
	if (!(k in name)) name[k] = $na
	if (a > 0 && d > oldest[k]) oldest[k] = d
}
END {
	print "customer,name,currency,current,1-30,31-60,61-90,91-120,121+,total,items,oldest_days"
	PROCINFO["sorted_in"] = "@ind_str_asc"
	for (k in items) {
		split(k, kc, ",")
		printf "%s,%s,%s", kc[1], name[k], kc[2]
		for (b = 1; b <= 6; b++) printf ",%.2f", sum[k, b]
		printf ",%.2f,%d,%d\n", total[k], items[k], oldest[k] + 0
	}
}
