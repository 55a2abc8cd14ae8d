// The C interface of the signal cleanup of temporaries (core/temporary_files.h).
#include "citizensdmx.h"
#include "core/temporary_files.h"

void csdmx_remove_temporaries_on_signal(void) {
    csdmx::install_temporary_cleanup_on_signals();
}
