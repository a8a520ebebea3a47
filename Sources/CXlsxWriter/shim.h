#ifndef SLA_CXLSXWRITER_SHIM_H
#define SLA_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
