// A promise that settles in a task of its own, after whatever the current task still does. An export that
// arrives costs the page a few pieces of work of 10-20 ms each for a few MB (its Blob, the history's render,
// keeping it in IndexedDB, starting its download); run in one task they can add up to a long task (50 ms or
// more) that a person feels as a stutter, so each further piece waits for the next task.
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
