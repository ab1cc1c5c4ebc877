/** The line that says who is typing: "Ada is typing…", "Ada and Bob are typing…", "Several people are typing…", or ''. */
export function typingText(typists: readonly { name: string }[]): string {
  const [first, second] = typists;
  if (first === undefined) return '';
  if (second === undefined) return `${first.name} is typing…`;
  return typists.length === 2 ? `${first.name} and ${second.name} are typing…` : 'Several people are typing…';
}
