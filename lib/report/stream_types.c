/* stream_types.c - a column's type from its name (stream_types.h). */
#include "report/stream_types.h"

#include <string.h>
#include <strings.h>

static const char *const money_names[] = {
	"amount", "current", "total", "past_due", "credit_limit", NULL
};
static const char *const date_names[] = {
	"date", "as_of", "value_date", "status_date", NULL
};
static const char *const integer_names[] = {
	"items", "oldest_days", "days_overdue", "terms_days", "level", NULL
};

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(name, *list) == 0)
			return true;
	return false;
}

bool
stream_is_bucket_label(const char *s)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return false;
	if (s[i] == '+')
		return s[i + 1] == '\0';
	if (s[i] != '-')
		return false;
	s += i + 1;
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > 0 && s[i] == '\0';
}

enum stream_type
stream_column_type(const char *name)
{
	if (name_in(name, money_names) || stream_is_bucket_label(name) || ends_with(name, "_amount"))
		return STREAM_MONEY;
	if (name_in(name, date_names) || ends_with(name, "_date"))
		return STREAM_DATE;
	if (name_in(name, integer_names))
		return STREAM_INTEGER;
	return STREAM_TEXT;
}

ar_err
stream_type_parse(const char *word, enum stream_type *type)
{
	static const char *const words[] = { "text", "money", "date", "integer" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(word, words[i]) == 0) {
			*type = (enum stream_type)i;   /* in the order of enum stream_type */
			return AR_OK;
		}
	}
	return AR_ESYNTAX;
}
