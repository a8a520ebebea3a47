#ifndef SLA_CXLSXWRITER_SHIM_H
#define SLA_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#include <stdio.h>
#include <sys/types.h>

/* libxlsxwriter reports its own errors with fprintf(stderr, "[ERROR]..."): a line without the
 * log's Bogotá stamp. sla points the C library's stderr at a stream whose every line goes to
 * `writer`, which logs it stamped like every other line. glibc's fopencookie, declared here with
 * a layout-identical struct because the system header declares it only under _GNU_SOURCE. */
struct sla_cookie_io_functions {
    ssize_t (*read)(void *cookie, char *buffer, size_t size);
    ssize_t (*write)(void *cookie, const char *buffer, size_t size);
    int (*seek)(void *cookie, long *offset, int whence);
    int (*close)(void *cookie);
};
extern FILE *fopencookie(void *cookie, const char *mode, struct sla_cookie_io_functions functions);

typedef ssize_t (*sla_stream_writer)(void *cookie, const char *buffer, size_t size);

/* Makes `stderr` a line-buffered stream written through `writer`; 0 on success. */
static inline int sla_redirect_c_stderr(sla_stream_writer writer) {
    struct sla_cookie_io_functions functions = { 0, writer, 0, 0 };
    FILE *stream = fopencookie(0, "w", functions);
    if (stream == 0) return -1;
    setvbuf(stream, 0, _IOLBF, 0);
    stderr = stream;
    return 0;
}
#endif
