# SAP FBL5N list export to the items CSV with GNU awk, as an awk user would
# write it:
#   LC_ALL=C gawk -f fbl5n.awk fbl5n.txt > items.csv
# FS is '|'; rulers, repeated headers and '*' subtotal lines are skipped;
# the customer, company code and name come from the lines that open each
# block.  Columns are found by caption in the first header.  Amounts
# "1.234,56-" become awk doubles, printed with %.2f; the '**' grand totals
# are checked per currency to half a cent.
function trim(s) { gsub(/^ +| +$/, "", s); return s }
function amount(s,   neg) {
	s = trim(s)
	neg = s ~ /-$/
	gsub(/[.-]/, "", s)
	sub(/,/, ".", s)
	return neg ? -s : s + 0
}
function csv(s) {
	if (s ~ /[",]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" }
	return s
}
function iso(d) { return substr(d, 7, 4) "-" substr(d, 4, 2) "-" substr(d, 1, 2) }
BEGIN {
	FS = "|"
	type["RV"] = type["DR"] = "INV"; type["DG"] = "CN"; type["DZ"] = "PAY"; type["AB"] = "ADJ"
	print "customer,doc_no,doc_type,doc_date,due_date,currency,amount,company,ref,name,dispute,block"
}
/^Customer / { customer = trim(substr($0, 10)); next }
/^Company Code / { company = trim(substr($0, 14)); next }
/^Name / { name = csv(trim(substr($0, 6))); next }
!/^\|/ || /^\|[-=]/ { next }
{
	st = trim($2)
	if (st == "St") {
		if (!ty) for (i = 2; i < NF; i++) {
			c = trim($i)
			if (c == "Type") ty = i; else if (c == "DocumentNo") dn = i
			else if (c == "Doc. Date") dd = i; else if (c == "Net due dt") du = i
			else if (c == "Amount in DC") am = i; else if (c == "Curr.") cu = i
		}
		next
	}
	cur = trim($cu)
	if (st ~ /^\*/) {
		if (st == "**") control[cur] = amount($am)
		next
	}
	a = amount($am)
	sum[cur] += a
	t = trim($ty)
	printf "%s,%s,%s,%s,%s,%s,%.2f,%s,,%s,,\n", customer, trim($dn), (t in type) ? type[t] : t,
		iso(trim($dd)), iso(trim($du)), cur, a, company, name
}
END {
	for (c in sum)
		if (!(c in control) || (sum[c] - control[c]) ^ 2 >= 0.005 ^ 2) {
			printf "fbl5n.awk: %s: items sum %.2f, control total %s\n", c, sum[c], control[c] > "/dev/stderr"
			bad = 1
		}
	exit bad
}
