/* Hostile: make the compiler wait on the grader's terminal. The compile's
 * stdin is /dev/null: it reads nothing and fails at once.
 */
#include "/dev/stdin"
int main(void) { return (0); }
