/*
 * html.c - the compare report as one self-contained XHTML file (placeholder, being written).
 */
#include "slant.h"

int slant_report_html(struct slant_compare *c, const struct slant_report_opts *o,
		      struct slant_buf *out)
{
	(void)c;
	(void)o;
	(void)out;
	return SLANT_EUSAGE;
}
