/*
 * A time limit for SQL statements, as a SQLite extension: better-sqlite3 builds SQLite without a
 * progress handler, and a statement that runs away (a recursive query that never ends, a join of a
 * table with itself many times) would hold the thread that serves every site of the host.
 *
 * Each connection that loads the extension gets the SQL function guild_statement_budget(ms): a
 * positive number arms the connection's budget, anything else disarms it. One watchdog thread per
 * process sleeps until the nearest armed deadline and calls sqlite3_interrupt() on a connection
 * still armed past it (the one SQLite call made to be called from another thread): its running
 * statement fails with SQLITE_INTERRUPT, and a write's transaction is rolled back. The watchdog
 * disarms what it interrupts; SQLite clears the interrupt when the next statement starts with none
 * running, so an interrupt that comes just after the statement ended stops nothing else.
 *
 * Built by scripts/build-native.mjs (npm runs it after installing) with -z nodelete: the watchdog
 * runs this library's code for as long as the process lives, even after its last connection closed.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <pthread.h>
#include <time.h>

typedef struct Budget {
  sqlite3 *db;
  int armed;
  struct timespec deadline;
  struct Budget *next;
} Budget;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static Budget *budgets;
static int watching;

static int earlier(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void *watch(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lock);
  for (;;) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const struct timespec *nearest = 0;
    for (Budget *budget = budgets; budget; budget = budget->next) {
      if (!budget->armed) continue;
      if (!earlier(&now, &budget->deadline)) {
        sqlite3_interrupt(budget->db);
        budget->armed = 0;
      } else if (!nearest || earlier(&budget->deadline, nearest)) {
        nearest = &budget->deadline;
      }
    }
    if (nearest) {
      struct timespec until = *nearest;
      pthread_cond_timedwait(&changed, &lock, &until);
    } else {
      pthread_cond_wait(&changed, &lock);
    }
  }
  return 0;
}

static void setBudget(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  Budget *budget = sqlite3_user_data(context);
  sqlite3_int64 ms = sqlite3_value_int64(argv[0]);
  pthread_mutex_lock(&lock);
  budget->armed = ms > 0;
  if (budget->armed) {
    clock_gettime(CLOCK_MONOTONIC, &budget->deadline);
    budget->deadline.tv_sec += ms / 1000;
    budget->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (budget->deadline.tv_nsec >= 1000000000L) {
      budget->deadline.tv_sec += 1;
      budget->deadline.tv_nsec -= 1000000000L;
    }
  }
  pthread_cond_signal(&changed);
  pthread_mutex_unlock(&lock);
  sqlite3_result_null(context);
}

/* Called by SQLite when the connection closes: the watchdog must never see it again. */
static void forget(void *pointer) {
  Budget *budget = pointer;
  pthread_mutex_lock(&lock);
  for (Budget **link = &budgets; *link; link = &(*link)->next) {
    if (*link == budget) {
      *link = budget->next;
      break;
    }
  }
  pthread_mutex_unlock(&lock);
  sqlite3_free(budget);
}

static int startWatching(void) {
  pthread_condattr_t attributes;
  pthread_t thread;
  if (pthread_condattr_init(&attributes) || pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC) || pthread_cond_init(&changed, &attributes)) return SQLITE_ERROR;
  pthread_condattr_destroy(&attributes);
  if (pthread_create(&thread, 0, watch, 0)) return SQLITE_ERROR;
  pthread_detach(thread);
  watching = 1;
  return SQLITE_OK;
}

int sqlite3_statementbudget_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  Budget *budget = sqlite3_malloc(sizeof *budget);
  if (!budget) return SQLITE_NOMEM;
  budget->db = db;
  budget->armed = 0;
  pthread_mutex_lock(&lock);
  int started = watching ? SQLITE_OK : startWatching();
  if (started == SQLITE_OK) {
    budget->next = budgets;
    budgets = budget;
  }
  pthread_mutex_unlock(&lock);
  if (started != SQLITE_OK) {
    sqlite3_free(budget);
    *error = sqlite3_mprintf("the statement budget's watchdog thread could not start");
    return started;
  }
  // On failure SQLite calls forget() itself, which unlinks the budget again.
  return sqlite3_create_function_v2(db, "guild_statement_budget", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, budget, setBudget, 0, 0, forget);
}
