/* signals.h — the signals that end a run early (internal to commit.c and
 * render.c; it needs POSIX's sigset_t, which plain C11 lacks). */
#ifndef EMLAB_SIGNALS_H
#define EMLAB_SIGNALS_H

#include <signal.h>

/* Hold off (and then release) SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE and
 * SIGXFSZ; old gets (gives back) the mask before. */
void em_signals_hold(sigset_t *old);
void em_signals_release(const sigset_t *old);

/* In a child about to exec: those signals back to their default action
 * (those ignored stay ignored), so that it never runs our handler. */
void em_signals_default(void);

#endif
