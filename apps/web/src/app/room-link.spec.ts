import { ROOM_NAME_MAX_LENGTH, isRoomName } from '@herald/contracts';
import { describeBadLink, roomNameProblems, suggestRoomName } from './room-link';

describe('suggestRoomName', () => {
  it.each([
    ['My_Room', 'my-room'],
    ['Release  Party!', 'release-party'],
    ['__hidden__', 'hidden'],
    ['Crème Brûlée', 'creme-brulee'],
    ['שלום', 'lobby'],
    ['', 'lobby'],
  ])('offers "%s" as "%s"', (raw, expected) => {
    expect(suggestRoomName(raw)).toBe(expected);
  });

  it('cuts a long name to the limit, without a dash at the end', () => {
    const long = `${'a'.repeat(ROOM_NAME_MAX_LENGTH - 1)}-bcd`;
    expect(suggestRoomName(long)).toBe('a'.repeat(ROOM_NAME_MAX_LENGTH - 1));
    expect(suggestRoomName('x'.repeat(ROOM_NAME_MAX_LENGTH + 1))).toBe('x'.repeat(ROOM_NAME_MAX_LENGTH));
    expect(isRoomName(suggestRoomName('x'.repeat(100)))).toBe(true);
  });
});

describe('roomNameProblems', () => {
  it('says what is wrong: case, characters, and how many characters are too many', () => {
    expect(roomNameProblems('My_Room')).toEqual([
      'Room names are in lower case.',
      'Room names hold only letters a to z, digits and dashes, not “_”.',
    ]);
    expect(roomNameProblems('x'.repeat(33))).toEqual(['The name has 33 characters, 1 character too many: room names have at most 32.']);
    expect(roomNameProblems('a b.c')).toEqual(['Room names hold only letters a to z, digits and dashes, not spaces, “.”.']);
    expect(roomNameProblems('')).toEqual(['The link names no room.']);
    expect(roomNameProblems('fine-room')).toEqual([]);
  });
});

describe('describeBadLink', () => {
  it('explains a room link and offers the room it meant', () => {
    expect(describeBadLink(['r', 'My_Room'])).toMatchObject({ heading: 'This room link does not work', suggestion: 'my-room' });
    expect(describeBadLink(['r', 'a', 'b']).suggestion).toBe('a-b');
  });

  it('says there is no such page for any other path, and offers it as a room', () => {
    expect(describeBadLink(['nonsense'])).toEqual({
      heading: 'There is no page here',
      problems: ['Herald has no page at /nonsense.'],
      suggestion: 'nonsense',
    });
  });
});
